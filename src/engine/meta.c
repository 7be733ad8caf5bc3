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
			/* only runs of up to 4 digits are a day or a year: the
			 * value stops growing past that, so a long run of
			 * digits cannot overflow it (found by fuzzing) */
			while (j < len && is_digit(s[j])) {
				if (j - i < 4)
					v = v * 10 + (s[j] - '0');
				j++;
			}
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
			size_t start = 0, end = (size_t)(at - s) + strlen(*mk), k, words = 1;

			/*
			 * the session name is the start of its line, and short:
			 * "Seventy-ninth", "Tenth emergency special"; a line of
			 * running text that ends "... at its forty-fourth
			 * session" is none, or the session would depend on where
			 * a text was wrapped (found by fuzz_docxout: a Word
			 * export, one line a paragraph, read another session)
			 */
			for (k = 0; k + 1 < (size_t)(at - s); k++)
				words += s[k] == ' ';
			if ((isupper((unsigned char)s[0]) || (unsigned char)s[0] >= 0x80) && words <= 4)
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
			if (first) {
				const char *c = at + strlen(*mk), *ce = first;

				m->committee_report = xstrndup(first + 1, (size_t)(first_close - first - 1));
				/* who reported: "First Committee", between the marker and the report */
				while (c < ce && *c == ' ')
					c++;
				while (ce > c && ce[-1] == ' ')
					ce--;
				if (ce > c && !m->committee)
					m->committee = xstrndup(c, (size_t)(ce - c));
			}
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

static void
read_header_lines(struct resolution_meta *m, const struct lang *lang, const struct text_line *lines, size_t n)
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

/*
 * Drafts: the kind of document, who tables it, when it was distributed
 */

struct kind_phrase {
	const char *words;	/* as printed after the sponsors' colon */
	const char *kind;	/* what the metadata says, in English */
};

/* The words of a draft's header in one language. Only the header reads
 * them, so they live here rather than in the language table. */
struct header_words {
	const char *code;
	const struct kind_phrase *kinds;	/* the earliest on a line wins: "amendment to draft resolution" */
	const char *revised;		/* a word before the kind: "revised draft resolution" */
	const char *submitted;		/* "Draft resolution submitted by the Chair" */
	const char *conj;		/* the word before the last sponsor */
	const char *on_behalf;		/* a star note: "* On behalf of the States ..." */
	const char *behalf_end;		/* what follows the group's name in that note */
	const char *const *joined_names;	/* names with the conjunction inside */
};

static const struct kind_phrase en_kinds[] = {
	{ "amendment", "amendment" }, { "draft resolution", "draft resolution" },
	{ "draft decision", "draft decision" }, { NULL, NULL },
};
static const struct kind_phrase fr_kinds[] = {
	{ "amendement", "amendment" }, { "projet de résolution", "draft resolution" },
	{ "projet de décision", "draft decision" }, { NULL, NULL },
};
static const struct kind_phrase es_kinds[] = {
	{ "enmienda", "amendment" }, { "proyecto de resolución", "draft resolution" },
	{ "proyecto de decisión", "draft decision" }, { NULL, NULL },
};

/* A capitalised word after the conjunction starts the next sponsor, except
 * inside these ("Saint Vincent and the Grenadines" needs no entry: "the"
 * is not capitalised). French joins such names with hyphens. */
static const char *const en_joined[] = {
	"Antigua and Barbuda", "Bosnia and Herzegovina", "Saint Kitts and Nevis", "Sao Tome and Principe",
	"Trinidad and Tobago", "United Kingdom of Great Britain and Northern Ireland", "Group of 77 and China",
	NULL,
};
static const char *const es_joined[] = {
	"Antigua y Barbuda", "Bosnia y Herzegovina", "Saint Kitts y Nevis", "Santo Tomé y Príncipe",
	"Trinidad y Tabago", NULL,
};
static const char *const no_names[] = { NULL };

static const struct header_words all_header_words[] = {
	{ "en", en_kinds, "revised", "submitted by", "and", "On behalf of", ", taking into account", en_joined },
	{ "fr", fr_kinds, NULL, "présenté par", "et", "Au nom", ", compte tenu", no_names },
	{ "es", es_kinds, NULL, "presentado por", "y", "En nombre de", ", teniendo en cuenta", es_joined },
};

/* The small words inside a country's name: "Iran (Islamic Republic of)" */
static const char *const name_particles[] = {
	"of", "the", "and", "de", "du", "des", "la", "le", "les", "et", "y", "e", "del", "el", "los", "las", NULL,
};

static const struct header_words *
header_words(const struct lang *l)
{
	size_t i;

	for (i = 0; l && i < ARRAY_SIZE(all_header_words); i++)
		if (strcmp(all_header_words[i].code, l->code) == 0)
			return &all_header_words[i];
	return &all_header_words[0];
}

/*
 * Where each kind phrase next starts a word in one text. The callers try
 * the phrases of a line in turn, from just past the one before; searching
 * again from there for every phrase made a line that repeats "draft
 * resolution" cost its length for each repeat (20,000 repeats: 32 s).
 * Each phrase's next place is kept instead, and searched for again only
 * once the caller has gone past it, so a phrase's search only moves
 * forward: a line costs its length once for each phrase.
 */
#define KIND_NONE ((size_t)-1)
#define MAX_KINDS 4	/* kinds a language has: three, one spare */

struct kind_scan {
	const char *s;
	size_t len;
	size_t from[MAX_KINDS];	/* searched from here ... */
	size_t next[MAX_KINDS];	/* ... to here: no word starts the phrase in between (KIND_NONE: to the end) */
	int known[MAX_KINDS];
};

static void
kind_scan_init(struct kind_scan *ks, const char *s, size_t len)
{
	memset(ks, 0, sizeof(*ks));
	ks->s = s;
	ks->len = len;
}

/* The first place at or after from where the phrase starts a word */
static size_t
kind_next(const char *s, size_t len, size_t from, const char *words)
{
	size_t i;

	for (i = from; i < len;) {
		const char *f = lang_find(s + i, len - i, words);

		if (!f)
			break;
		i = (size_t)(f - s);
		if (i == 0 || s[i - 1] == ' ' || s[i - 1] == '*' || s[i - 1] == ':')
			return i;
		i++;
	}
	return KIND_NONE;
}

/* The first kind phrase at or after from, starting a word: its offset in
 * *at, its length in *wl; NULL when there is none. The earliest wins, and
 * of two at one place the first listed. */
static const struct kind_phrase *
find_kind(const struct header_words *hw, struct kind_scan *ks, size_t from, size_t *at, size_t *wl)
{
	const struct kind_phrase *k, *best = NULL;
	size_t i, x;

	for (k = hw->kinds, i = 0; k->words && i < MAX_KINDS; k++, i++) {
		if (!ks->known[i] || from < ks->from[i] || (ks->next[i] != KIND_NONE && ks->next[i] < from)) {
			ks->from[i] = from;
			ks->next[i] = kind_next(ks->s, ks->len, from, k->words);
			ks->known[i] = 1;
		}
		x = ks->next[i];
		if (x != KIND_NONE && (!best || x < *at)) {
			best = k;
			*at = x;
			*wl = strlen(k->words);
		}
	}
	return best;
}

/* What may stand between the sponsors' colon and their kind: "Iraq:*,**" */
static int
is_marker_char(char c)
{
	return c == ' ' || c == '*' || c == ',';
}

/* The runs of stars in s[0..len), as bits: bit k-1 for a run of k */
static unsigned
star_runs(const char *s, size_t len)
{
	unsigned mask = 0;
	size_t i, run = 0;

	for (i = 0; i <= len; i++) {
		if (i < len && s[i] == '*') {
			run++;
			continue;
		}
		if (run > 0 && run <= 8)
			mask |= 1u << (run - 1);
		run = 0;
	}
	return mask;
}

/*
 * Where s[0..end) ends as a sponsors' list does before its kind: "...
 * Uruguay:", "Iraq:*", "Iraq:*,**", "Mexico: revised". Returns the offset
 * of the colon, or -1; the star notes the sponsors carry go to *stars
 * (bit k-1 for a note of k stars).
 */
static long
sponsors_colon(const struct header_words *hw, const char *s, size_t end, unsigned *stars)
{
	size_t e = end, i;

	while (e > 0 && s[e - 1] == ' ')
		e--;
	if (hw->revised) {
		size_t rl = strlen(hw->revised);

		if (e >= rl && lang_casecmp(s + e - rl, hw->revised, rl) == 0 && (e == rl || s[e - rl - 1] == ' ')) {
			e -= rl;
			while (e > 0 && s[e - 1] == ' ')
				e--;
		}
	}
	i = e;
	while (i > 0 && is_marker_char(s[i - 1]))
		i--;
	if (i == 0 || s[i - 1] != ':')
		return -1;
	*stars = star_runs(s + i, end - i);
	return (long)(i - 1);
}

static int
is_name_sep(char c)
{
	return c == ' ' || c == ',' || c == '(' || c == ')' || c == '*' || c == ':' || c == ';';
}

/* One word of a list of names: capitalised, or a small word of names */
static int
name_word(const char *s, size_t n)
{
	return !islower((unsigned char)s[0]) || lang_in_list(name_particles, s, n) || starts_with(s, n, "d\u2019") ||
	       starts_with(s, n, "d'") || starts_with(s, n, "l\u2019") || starts_with(s, n, "l'");
}

/*
 * namelike on ever longer starts of one line: read_draft asks it of the
 * text before each sponsors' colon on a line, and reading from the line's
 * start each time made a long line of colons cost its length for each
 * ("Xx Xx ... x: draft resolution: draft resolution ...": 10 s). What was
 * read whole is kept: the words before ok_to are names, and a word read
 * whole that is not one (ending at bad) says no for every longer start.
 */
#define NAME_NONE ((size_t)-1)

struct name_memo {
	const char *s;
	size_t ok_to, bad;
};

static int
namelike_memo(struct name_memo *nm, const char *s, size_t len)
{
	size_t i, w;

	if (nm->s != s || len < nm->ok_to) {
		nm->s = s;
		nm->ok_to = 0;
		nm->bad = NAME_NONE;
	}
	if (nm->bad != NAME_NONE && len >= nm->bad)
		return 0;
	for (i = nm->ok_to; i < len;) {
		while (i < len && is_name_sep(s[i]))
			i++;
		if (i >= len)
			break;
		w = i;
		while (w < len && !is_name_sep(s[w]))
			w++;
		/* a word cut by len may read otherwise once whole: not kept */
		if (!name_word(s + i, w - i)) {
			if (w < len)
				nm->bad = w;
			return 0;
		}
		if (w < len)
			nm->ok_to = w;
		i = w;
	}
	return 1;
}

/* A line of names: every word capitalised but the small words of names
 * ("Netherlands (Kingdom of the), New"), so not an agenda item's title. */
static int
namelike(const char *s, size_t len)
{
	struct name_memo nm = { NULL, 0, NAME_NONE };

	return namelike_memo(&nm, s, len);
}

/* A line that wraps inside a list: it names several, or breaks off in a
 * name ("Republic of", "Timor-"). */
static int
wraps_in_list(const char *s, size_t len)
{
	size_t w = len;

	if (memchr(s, ',', len) || (len && s[len - 1] == '-'))
		return 1;
	while (w > 0 && s[w - 1] != ' ')
		w--;
	return lang_in_list(name_particles, s + w, len - w);
}

/* Join a wrapped line: a hyphen at the end of a line is part of a name
 * ("Guinea-" "Bissau"), never a word split for the line. */
static void
join_line(struct sbuf *sb, const char *s, size_t len)
{
	if (sb->len && sb->buf[sb->len - 1] != '-')
		sbuf_addch(sb, ' ');
	sbuf_add(sb, s, len);
}

/* s with runs of spaces made one, none inside parentheses or before a
 * comma: extraction leaves "(Islamic Republic of Iran )". Trimmed. */
static char *
tidy(const char *s, size_t len)
{
	struct sbuf out = SBUF_INIT;
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == ' ') {
			if (out.len == 0 || out.buf[out.len - 1] == ' ' || out.buf[out.len - 1] == '(')
				continue;
			if (i + 1 < len && (s[i + 1] == ')' || s[i + 1] == ',' || s[i + 1] == ' '))
				continue;
		}
		sbuf_addch(&out, s[i]);
	}
	while (out.len && out.buf[out.len - 1] == ' ')
		out.len--;
	/* end the string where the trimmed text ends */
	sbuf_addch(&out, '\0');
	return sbuf_detach(&out);
}

struct draft_header {
	size_t last;		/* the line where the sponsors or the submitter end */
	unsigned list_stars;	/* the star notes after the sponsors' colon: all of them carry these */
	unsigned *stars;	/* per sponsor, the notes it carries: "Egypt,*" */
};

static void
add_sponsor(struct resolution_meta *m, const struct header_words *hw, struct draft_header *d, const char *s,
	    size_t len)
{
	size_t cl = strlen(hw->conj), e = 0;

	/* "Egypt,* Equatorial Guinea": a star after the comma is Egypt's */
	while (e < len && (s[e] == '*' || s[e] == ' '))
		e++;
	if (m->nsponsors)
		d->stars[m->nsponsors - 1] |= star_runs(s, e);
	s += e;
	len -= e;
	e = len;
	while (e && (s[e - 1] == '*' || s[e - 1] == ' '))
		e--;
	/* "Spain, and Sweden" */
	if (e > cl && lang_casecmp(s, hw->conj, cl) == 0 && s[cl] == ' ') {
		s += cl + 1;
		len -= cl + 1;
		e -= cl + 1;
	}
	if (!e)
		return;
	m->sponsors = xrealloc(m->sponsors, (m->nsponsors + 1) * sizeof(*m->sponsors));
	d->stars = xrealloc(d->stars, (m->nsponsors + 1) * sizeof(*d->stars));
	d->stars[m->nsponsors] = star_runs(s + e, len - e);
	m->sponsors[m->nsponsors++] = tidy(s, e);
}

/* Where the last item splits at the conjunction: "Ukraine and Uruguay",
 * "Spain and Trinidad and Tobago"; the offset of the space before the
 * conjunction, or len when it names one. */
static size_t
split_last(const struct header_words *hw, const char *s, size_t len)
{
	size_t cl = strlen(hw->conj), i;
	const char *const *jn;

	for (i = 1; i + cl + 2 < len; i++) {
		int inside = 0;
		unsigned char next = (unsigned char)s[i + cl + 2];

		if (s[i] != ' ' || s[i + cl + 1] != ' ' || lang_casecmp(s + i + 1, hw->conj, cl) != 0)
			continue;
		if (!isupper(next) && next < 0x80)
			continue;
		for (jn = hw->joined_names; *jn && !inside; jn++) {
			size_t jl = strlen(*jn), k;

			for (k = 0; k + jl <= len && !inside; k++)
				if (lang_casecmp(s + k, *jn, jl) == 0 && k < i && i < k + jl)
					inside = 1;
		}
		if (!inside)
			return i;
	}
	return len;
}

/* The sponsors of s[0..len): "A, B, C and D", commas inside parentheses
 * kept ("Venezuela (Bolivarian Republic of)"). */
static void
split_sponsors(struct resolution_meta *m, const struct header_words *hw, struct draft_header *d, const char *s,
	       size_t len)
{
	size_t i, start = 0, cut;
	int depth = 0;

	for (i = 0; i <= len; i++) {
		if (i < len && s[i] == '(')
			depth++;
		else if (i < len && s[i] == ')' && depth > 0)
			depth--;
		else if (i == len || (s[i] == ',' && depth == 0)) {
			if (i == len) {
				cut = start + split_last(hw, s + start, len - start);
				add_sponsor(m, hw, d, s + start, cut - start);
				if (cut < len)
					add_sponsor(m, hw, d, s + cut, len - cut);
			} else {
				add_sponsor(m, hw, d, s + start, i - start);
			}
			start = i + 1;
		}
	}
}

/*
 * The sponsors end at the colon at line c, offset colon. They start at the
 * top of their block when it holds only names; otherwise (pdftotext runs
 * the agenda item's title into them) at the first line above that is not
 * part of a wrapped list of names.
 */
static void
read_sponsors(struct resolution_meta *m, const struct lang *l, const struct header_words *hw,
	      struct draft_header *d, const struct text_line *lines, size_t c, size_t colon)
{
	struct sbuf sb = SBUF_INIT;
	size_t top = c, b, j;
	int clean = 1;

	while (top > 0 && lines[top - 1].len && !is_metadata_line(l, &lines[top - 1]))
		top--;
	if (top > 0 && lines[top - 1].len)
		clean = 0;
	for (j = top; j < c && clean; j++)
		clean = namelike(lines[j].s, lines[j].len);
	b = c;
	if (clean)
		b = top;
	else
		while (b > top && namelike(lines[b - 1].s, lines[b - 1].len) &&
		       wraps_in_list(lines[b - 1].s, lines[b - 1].len))
			b--;
	for (j = b; j < c; j++)
		join_line(&sb, lines[j].s, lines[j].len);
	join_line(&sb, lines[c].s, colon);
	if (sb.len)
		split_sponsors(m, hw, d, sb.buf, sb.len);
	sbuf_release(&sb);
}

/* "Draft resolution submitted by the Vice-Chair of the Committee, ...
 * (Poland), on the basis of informal consultations on draft resolution
 * A/C.2/80/L.21": the submitter is the rest of the block, up to a
 * sponsors' colon some drafts print after it. Returns the block's last line. */
static size_t
read_submitter(struct resolution_meta *m, const struct header_words *hw, const struct text_line *lines, size_t n,
	       size_t i, size_t from)
{
	struct sbuf sb = SBUF_INIT;
	struct kind_scan ks;
	size_t j, at, wl, k;
	unsigned stars;

	for (j = i; j < n && j < i + 4 && lines[j].len; j++)
		join_line(&sb, j == i ? lines[j].s + from : lines[j].s, j == i ? lines[j].len - from : lines[j].len);
	kind_scan_init(&ks, sb.buf, sb.len);
	for (k = 0; find_kind(hw, &ks, k, &at, &wl); k = at + 1) {
		long colon = sponsors_colon(hw, sb.buf, at, &stars);

		if (colon >= 0 && at + wl >= sb.len - 1) {
			sb.len = (size_t)colon;
			break;
		}
	}
	while (sb.len && (sb.buf[sb.len - 1] == '*' || sb.buf[sb.len - 1] == ' '))
		sb.len--;
	if (sb.len)
		m->submitted_by = tidy(sb.buf, sb.len);
	sbuf_release(&sb);
	return j - 1;
}

/* Find the line that says what the draft is and who tables it; fill kind,
 * sponsors or submitter. Returns 1 when found. */
static int
read_draft(struct resolution_meta *m, const struct lang *l, const struct header_words *hw,
	   const struct text_line *lines, size_t n, struct draft_header *d)
{
	size_t i, at, wl, from;
	const struct kind_phrase *k;
	struct kind_scan ks;
	struct name_memo nm = { NULL, 0, NAME_NONE };

	for (i = 0; i < n; i++) {
		const struct text_line *t = &lines[i];

		kind_scan_init(&ks, t->s, t->len);
		for (from = 0; t->len && (k = find_kind(hw, &ks, from, &at, &wl)); from = at + 1) {
			size_t sl = strlen(hw->submitted), c = i, e = wl;
			long colon;
			unsigned stars = 0;

			/* "Draft resolutions submitted by the Chair" */
			if (at == 0 && e < t->len && t->s[e] == 's')
				e++;
			if (at == 0 && e + 1 + sl <= t->len && t->s[e] == ' ' &&
			    lang_casecmp(t->s + e + 1, hw->submitted, sl) == 0) {
				m->document_kind = k->kind;
				d->last = read_submitter(m, hw, lines, n, i, e + 1 + sl);
				return 1;
			}
			colon = sponsors_colon(hw, t->s, at, &stars);
			/* "State of Palestine:*" and "draft resolution" below it */
			if (colon < 0 && at == 0 && i > 0 && lines[i - 1].len) {
				c = i - 1;
				colon = sponsors_colon(hw, lines[c].s, lines[c].len, &stars);
			}
			/* "Draft resolution" alone: a draft no one is named for */
			while (colon < 0 && at == 0 && e < t->len && t->s[e] == '*')
				e++;
			if (colon < 0 && at == 0 && e == t->len) {
				m->document_kind = k->kind;
				d->last = i;
				return 1;
			}
			/* names before the colon, not a sentence ("the report of
			 * Spain: draft resolution A/C.3/80/L.2") */
			if (colon < 0 || !namelike_memo(&nm, lines[c].s, (size_t)colon) ||
			    starts_with(lines[c].s, lines[c].len, "Distr"))
				continue;
			m->document_kind = k->kind;
			read_sponsors(m, l, hw, d, lines, c, (size_t)colon);
			d->last = i;
			d->list_stars = stars;
			return 1;
		}
	}
	return 0;
}

/* "Distr.: General 9 December 2024", or the date on a line below it */
static void
read_distributed(struct resolution_meta *m, const struct lang *l, const struct text_line *lines, size_t n)
{
	size_t i, j, seen;
	const char *at;

	for (i = 0; i < n; i++) {
		at = lang_find(lines[i].s, lines[i].len, "Distr.");
		if (!at || (at > lines[i].s && at[-1] != ' '))
			continue;
		m->distributed = meta_parse_date(l, at, lines[i].len - (size_t)(at - lines[i].s));
		for (j = i + 1, seen = 0; !m->distributed && j < n && seen < 2; j++) {
			if (!lines[j].len)
				continue;
			seen++;
			if (lines[j].len < 40)
				m->distributed = meta_parse_date(l, lines[j].s, lines[j].len);
		}
		return;
	}
}

/* "* On behalf of the States that are members of the Group of 77 and
 * China, taking into account ...": the group a sponsor that carries the
 * note speaks for. */
static void
read_on_behalf(struct resolution_meta *m, const struct header_words *hw, const struct draft_header *d,
	       const struct text_line *lines, size_t n)
{
	size_t i, j, k, ol = strlen(hw->on_behalf);
	struct sbuf sb = SBUF_INIT;
	const char *end;

	for (i = 0; i < n; i++) {
		const struct text_line *t = &lines[i];
		unsigned bit;

		for (k = 0; k < t->len && t->s[k] == '*'; k++)
			;
		if (k == 0 || k > 8)
			continue;
		bit = 1u << (k - 1);
		while (k < t->len && t->s[k] == ' ')
			k++;
		if (k + ol >= t->len || lang_casecmp(t->s + k, hw->on_behalf, ol) != 0 || t->s[k + ol] != ' ')
			continue;
		sbuf_reset(&sb);
		join_line(&sb, t->s + k + ol + 1, t->len - k - ol - 1);
		/* the note goes on below, up to the next note or a blank line */
		for (j = i + 1; j < n && j < i + 4 && lines[j].len && lines[j].s[0] != '*' && !is_digit(lines[j].s[0]); j++)
			join_line(&sb, lines[j].s, lines[j].len);
		end = lang_find(sb.buf, sb.len, hw->behalf_end);
		if (end)
			sb.len = (size_t)(end - sb.buf);
		while (sb.len && (sb.buf[sb.len - 1] == '.' || sb.buf[sb.len - 1] == ' '))
			sb.len--;
		for (j = 0; j < m->nsponsors && sb.len; j++) {
			if (!((d->stars[j] | d->list_stars) & bit) || (m->on_behalf_of && m->on_behalf_of[j]))
				continue;
			if (!m->on_behalf_of)
				m->on_behalf_of = xcalloc(m->nsponsors, sizeof(*m->on_behalf_of));
			m->on_behalf_of[j] = tidy(sb.buf, sb.len);
		}
	}
	sbuf_release(&sb);
}

/*
 * Text without an enacting formula (an amendment, a decision, a note) is
 * read only when it opens as a UN document does, with a Distr. line, and
 * only down to its title: below it is the body, whose symbols and dates
 * are not the document's.
 */
#define PLAIN_HEADER_LINES 80

static int
opens_as_document(const struct text_line *lines, size_t n)
{
	size_t i;

	for (i = 0; i < n && i < 30; i++)
		if (lines[i].len && lang_find(lines[i].s, lines[i].len, "Distr."))
			return 1;
	return 0;
}

/* A text without a formula: the language whose kind phrases it prints */
static const struct lang *
plain_language(const struct text_line *lines, size_t n)
{
	size_t i, j, at, wl;
	struct kind_scan ks;

	for (j = 0; j < ARRAY_SIZE(all_header_words); j++)
		for (i = 0; i < n && i < PLAIN_HEADER_LINES; i++) {
			if (!lines[i].len)
				continue;
			kind_scan_init(&ks, lines[i].s, lines[i].len);
			if (find_kind(&all_header_words[j], &ks, 0, &at, &wl) && lang_by_code(all_header_words[j].code))
				return lang_by_code(all_header_words[j].code);
		}
	return lang_english();
}

/* The line after the block below line i (a draft's title) */
static size_t
after_next_block(const struct text_line *lines, size_t n, size_t i)
{
	i++;
	while (i < n && !lines[i].len)
		i++;
	while (i < n && lines[i].len)
		i++;
	return i;
}

/* The line after the session's ("Eightieth session"), or after the Distr. date */
static size_t
after_session(const struct lang *l, const struct text_line *lines, size_t n)
{
	const char *const *mk;
	size_t i, distr = 0;

	for (i = 0; i < n && i < PLAIN_HEADER_LINES; i++) {
		for (mk = l->session_markers; *mk; mk++)
			if (lines[i].len && lang_find(lines[i].s, lines[i].len, *mk))
				return i + 1;
		if (lines[i].len && lang_find(lines[i].s, lines[i].len, "Distr."))
			distr = i + 3;
	}
	return distr < n ? distr : n;
}

void
meta_read(struct resolution_meta *m, const struct lang *l, const struct text_line *lines, size_t n, size_t header)
{
	const struct header_words *hw;
	struct draft_header d = { 0, 0, NULL };
	int plain = l == NULL, drafted;

	if (plain) {
		if (!opens_as_document(lines, n))
			return;
		l = plain_language(lines, n);
		header = n < PLAIN_HEADER_LINES ? n : PLAIN_HEADER_LINES;
	}
	hw = header_words(l);
	drafted = read_draft(m, l, hw, lines, header, &d);
	if (plain)
		header = drafted ? after_next_block(lines, n, d.last) : after_session(l, lines, n);
	read_header_lines(m, l, lines, header);
	/* without the kind's line nothing says which block is the title */
	if (plain && !drafted) {
		free(m->title);
		m->title = NULL;
	}
	read_distributed(m, l, lines, header);
	if (m->nsponsors)
		read_on_behalf(m, hw, &d, lines + header, n - header);
	free(d.stars);
	if (!m->document_kind && m->symbol && starts_with(m->symbol, strlen(m->symbol), "A/RES/"))
		m->document_kind = "resolution";
}

void
meta_read_header(struct resolution_meta *m, const struct lang *l, const struct text_line *lines, size_t n)
{
	meta_read(m, l, lines, n, n);
}
