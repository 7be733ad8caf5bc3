#include "config.h"
#include "repair.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "utf8.h"
#include "util.h"

/*
 * Text repairs: what turns a text as typed or as extracted from a PDF into
 * clean lines and clean clause text, before any structure is looked for.
 */

/*
 * Superscript footnote markers
 */

/* Value of a superscript digit code point, or -1. */
int
repair_superscript_value(uint32_t cp)
{
	switch (cp) {
	case 0x2070: return 0;
	case 0x00B9: return 1;
	case 0x00B2: return 2;
	case 0x00B3: return 3;
	default:
		if (cp >= 0x2074 && cp <= 0x2079)
			return (int)(cp - 0x2070);
		return -1;
	}
}

/* Bytes of the run of superscript digits at s, its value in *value. */
size_t
repair_superscript_run(const char *s, size_t len, int *value)
{
	size_t i = 0, k;
	uint32_t cp;
	int v = 0, d;

	while (i < len) {
		k = utf8_decode(s + i, len - i, &cp);
		d = repair_superscript_value(cp);
		if (d < 0 || v > 10000)
			break;
		v = v * 10 + d;
		i += k;
	}
	*value = v;
	return i;
}

/* The number in superscript digits, as a typed marker is written. */
void
repair_add_superscript(struct sbuf *out, int number)
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

/*
 * The whole input
 */

/* A run of ten or more underscores that ends its line. */
static int
rule_ends_line(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] == '_')
		i++;
	return i >= 10 && (i == n || s[i] == '\n' || s[i] == '\r');
}

/* The bytes normalise_into rewrites; every other byte is copied as it is. */
static const unsigned char normalise_special[256] = {
	['\r'] = 1, ['\f'] = 1, ['\t'] = 1, ['\v'] = 1, ['_'] = 1,
};

static int
normalise_check(const char *in, size_t len, const char *name, struct rl_error *err)
{
	size_t i, bad;
	int line = 1;

	if (memchr(in, '\0', len)) {
		size_t at = (size_t)((const char *)memchr(in, '\0', len) - in);
		for (i = 0; i < at; i++)
			line += in[i] == '\n';
		return rl_fail(err, "'%s':%d: binary data (NUL byte), not a text file", name, line);
	}
	if (!utf8_valid(in, len, &bad)) {
		for (i = 0; i < bad; i++)
			line += in[i] == '\n';
		return rl_fail(err, "'%s':%d: invalid UTF-8 (byte 0x%02X); convert the file to UTF-8",
			       name, line, (unsigned char)in[bad]);
	}
	return 0;
}

/*
 * in[0..len) normalised into b, which may be in itself: every byte but a
 * form feed writes at most one byte, and never ahead of the byte it reads,
 * so b == in is safe when the text has no form feed.
 */
static void
normalise_into(const char *in, size_t len, char *b)
{
	size_t i, o = 0;

	if (len >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0) {
		in += 3;
		len -= 3;
	}
	for (i = 0; i < len; i++) {
		size_t run = i;
		char c;

		/* a run of ordinary bytes moves at once, or stays where it is */
		while (run < len && !normalise_special[(unsigned char)in[run]])
			run++;
		if (run > i) {
			if (b + o != in + i)
				memmove(b + o, in + i, run - i);
			o += run - i;
			i = run;
			if (i == len)
				break;
		}
		c = in[i];
		if (c == '\r') {
			/* CRLF and lone CR both end a line */
			if (i + 1 < len && in[i + 1] == '\n')
				continue;
			c = '\n';
		} else if (c == '\f') {
			/* a page break separates like a blank line, and stays a
			 * line of its own: pdftotext's pages end there */
			b[o++] = '\n';
			b[o++] = '\f';
			c = '\n';
		} else if (c == '\t' || c == '\v') {
			c = ' ';
		} else if (c == '_' && o > 0 && b[o - 1] == ' ' && rule_ends_line(in + i, len - i)) {
			/* pdftotext may glue a page's footnote rule to the end of
			 * the last body line: the rule gets its line back */
			b[o - 1] = '\n';
		}
		b[o++] = c;
	}
	b[o] = '\0';
}

/* Bytes the normalised copy of in[0..len) may need, with its NUL: a form
 * feed becomes a line of its own, two bytes more. */
static size_t
normalised_size(const char *in, size_t len, size_t *form_feeds)
{
	const char *p = in, *e = in + len;
	size_t n = 0;

	while ((p = memchr(p, '\f', (size_t)(e - p)))) {
		n++;
		p++;
	}
	*form_feeds = n;
	return len + 2 * n + 1;
}

int
repair_normalise(const char *in, size_t len, const char *name, char **out, struct rl_error *err)
{
	size_t ff;

	if (normalise_check(in, len, name, err) < 0)
		return -1;
	*out = xmalloc(normalised_size(in, len, &ff));
	normalise_into(in, len, *out);
	return 0;
}

int
repair_normalise_take(char **in, size_t len, const char *name, char **out, struct rl_error *err)
{
	char *text = *in;
	size_t ff, size;
	int rc = -1;

	*in = NULL;
	if (normalise_check(text, len, name, err) < 0)
		goto out;
	size = normalised_size(text, len, &ff);
	if (ff == 0) {
		/* the text is rewritten where it is: no second copy of a
		 * long text, and no fresh pages to fault in for one */
		normalise_into(text, len, text);
		*out = text;
		text = NULL;
	} else {
		*out = xmalloc(size);
		normalise_into(text, len, *out);
	}
	rc = 0;
out:
	free(text);
	return rc;
}

/*
 * Page furniture
 */

/* "24-22881 (E)", "18-212 75 (E) 171218", "24-22881" */
static int
is_job_number(const char *s, size_t len)
{
	size_t i;

	if (len < 8 || !is_digit(s[0]) || !is_digit(s[1]) || s[2] != '-' || !is_digit(s[3]))
		return 0;
	for (i = 3; i < len; i++)
		if (!is_digit(s[i]) && s[i] != ' ')
			break;
	if (i == len)
		return i >= 8;
	return s[i] == '(' && i + 2 < len && isupper((unsigned char)s[i + 1]) && s[i + 2] == ')';
}

/* "3/9" */
static int
is_page_number(const char *s, size_t len)
{
	size_t i = 0, a = 0, b = 0;

	while (i < len && is_digit(s[i]))
		i++, a++;
	if (a == 0 || a > 3 || i >= len || s[i] != '/')
		return 0;
	i++;
	while (i < len && is_digit(s[i]))
		i++, b++;
	return b > 0 && b <= 3 && i == len;
}

/* "*2422881*" */
static int
is_barcode(const char *s, size_t len)
{
	size_t i;

	if (len < 7 || s[0] != '*' || s[len - 1] != '*')
		return 0;
	for (i = 1; i + 1 < len; i++)
		if (!is_digit(s[i]) && s[i] != ' ')
			return 0;
	return 1;
}

/* "071123": the date a job was sent to print, beside its job number on the
 * first page, day, month and year in six digits */
static int
is_print_date(const char *s, size_t len)
{
	size_t i;
	int d, m;

	if (len != 6)
		return 0;
	for (i = 0; i < 6; i++)
		if (!is_digit(s[i]))
			return 0;
	d = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[2] - '0') * 10 + (s[3] - '0');
	return d >= 1 && d <= 31 && m >= 1 && m <= 12;
}

/* Split a line into its space-separated fields and test whether every field
 * is a page number, a job number or a barcode: "2/9 24-22881" */
static int
is_footer_combo(const char *s, size_t len)
{
	size_t i = 0, j, fields = 0, lang_code = 0;

	while (i < len) {
		j = i;
		while (j < len && s[j] != ' ')
			j++;
		/* a job number may contain one space and a "(E)" field */
		if (is_page_number(s + i, j - i) || is_barcode(s + i, j - i)) {
			fields++;
		} else if (j - i >= 8 && is_digit(s[i]) && s[i + 2] == '-') {
			size_t k = j;
			if (k + 4 <= len && s[k] == ' ' && s[k + 1] == '(' && s[k + 3] == ')')
				k += 4;
			if (!is_job_number(s + i, k - i))
				return 0;
			j = k;
			fields++;
		} else if (j - i == 3 && s[i] == '(' && isupper((unsigned char)s[i + 1]) && s[i + 2] == ')') {
			/* the "(E)" of a job number, not a field of its own: a
			 * sub-paragraph's "(a)" alone on its line is no footer */
			lang_code++;
		} else {
			return 0;
		}
		while (j < len && s[j] == ' ')
			j++;
		i = j;
	}
	return fields > 0;
}

static int
is_separator(const char *s, size_t len)
{
	size_t i;

	if (len < 3)
		return 0;
	for (i = 0; i < len; i++)
		if (s[i] != '_' && s[i] != '-')
			return 0;
	return 1;
}

int
repair_is_rule(const char *s, size_t len)
{
	size_t i;

	/* the rule above a page's footnotes: a run of underscores */
	if (len < 5)
		return 0;
	for (i = 0; i < len; i++)
		if (s[i] != '_')
			return 0;
	return 1;
}

int
repair_is_furniture(const char *s, size_t len, const char *symbol)
{
	size_t n, i;
	const struct lang *const *all = lang_all(&n);
	const char *const *f;

	if (len == 0)
		return 0;
	if (is_job_number(s, len) || is_page_number(s, len) || is_barcode(s, len) || is_print_date(s, len) ||
	    is_footer_combo(s, len) || is_separator(s, len))
		return 1;
	for (i = 0; i < n; i++)
		for (f = all[i]->furniture; *f; f++)
			if (strcmp(*f, "Please recycle") == 0 || strncmp(*f, "Merci", 5) == 0 ||
			    strncmp(*f, "Se ruega", 8) == 0) {
				if (strlen(*f) == len && memcmp(*f, s, len) == 0)
					return 1;
			}
	/* the running header: the symbol alone, or with the title beside it */
	if (symbol && *symbol) {
		size_t sl = strlen(symbol);
		if (starts_with(s, len, symbol) && (len == sl || s[sl] == ' '))
			return 1;
		if (len > sl && memcmp(s + len - sl, symbol, sl) == 0 && s[len - sl - 1] == ' ')
			return 1;
	}
	return 0;
}

/*
 * Line joins and hyphens
 */

int
repair_starts_lower(const char *s, size_t len)
{
	uint32_t cp;

	utf8_decode(s, len, &cp);
	return utf8_is_lower(cp);
}

static unsigned long long
hash_lower(const char *s, size_t n)
{
	char buf[128];
	size_t i;

	if (n > sizeof(buf))
		n = sizeof(buf);
	for (i = 0; i < n; i++)
		buf[i] = (char)tolower((unsigned char)s[i]);
	return hash_bytes(buf, n);
}

static int
cmp_hash(const void *a, const void *b)
{
	unsigned long long x = *(const unsigned long long *)a, y = *(const unsigned long long *)b;

	return (x > y) - (x < y);
}

/* Every word of the text that holds a hyphen between letters, so that a
 * line-end hyphen can be kept when the text spells the word so elsewhere. */
void
repair_hyphens_collect(struct repair_hyphens *h, const char *s)
{
	size_t i = 0, n = strlen(s), cap = 0, start, end;

	h->v = NULL;
	h->n = 0;
	while (i < n) {
		const char *dash = memchr(s + i, '-', n - i);

		/* only a hyphen starts anything: the bytes to the next go at once */
		if (!dash)
			break;
		i = (size_t)(dash - s);
		if (i == 0 || i + 1 >= n || !isalpha((unsigned char)s[i - 1]) || !isalpha((unsigned char)s[i + 1])) {
			i++;
			continue;
		}
		start = i;
		while (start > 0 && (lang_is_word_byte(s[start - 1]) || s[start - 1] == '-'))
			start--;
		end = i + 1;
		while (end < n && (lang_is_word_byte(s[end]) || s[end] == '-'))
			end++;
		GROW(h->v, cap, h->n + 1);
		h->v[h->n++] = hash_lower(s + start, end - start);
		i = end;
	}
	if (h->n)
		qsort(h->v, h->n, sizeof(*h->v), cmp_hash);
}

void
repair_hyphens_release(struct repair_hyphens *h)
{
	free(h->v);
	h->v = NULL;
	h->n = 0;
}

/* Would "left-right" be how this text spells the word? */
static int
spelled_with_hyphen(const struct repair_hyphens *h, const char *para, size_t plen, const char *s, size_t len)
{
	struct sbuf w = SBUF_INIT;
	size_t a = plen, b = 0;
	unsigned long long key;
	int found;

	while (a > 0 && (lang_is_word_byte(para[a - 1]) || para[a - 1] == '-'))
		a--;
	while (b < len && lang_is_word_byte(s[b]))
		b++;
	sbuf_add(&w, para + a, plen - a);
	sbuf_add(&w, s, b);
	key = hash_lower(w.buf, w.len);
	found = h && h->n && bsearch(&key, h->v, h->n, sizeof(key), cmp_hash);
	sbuf_release(&w);
	return found;
}

/* A line that ends inside an opening bracket or quote, or inside a
 * document symbol ("A/CONF.192/" then "BMS/2014/2"), goes on with no space. */
static int
ends_open(const char *para, size_t plen)
{
	char c = para[plen - 1];

	if (c == '(' || c == '[' || c == '/')
		return 1;
	/* U+201C and U+2018, the opening quotes */
	return plen >= 3 && (unsigned char)para[plen - 3] == 0xE2 && (unsigned char)para[plen - 2] == 0x80 &&
	       ((unsigned char)c == 0x9C || (unsigned char)c == 0x98);
}

/*
 * Join a line to a paragraph. An end-of-line hyphen between two letters is
 * a word hyphen when the next part starts with a capital ("Counter-" /
 * "Terrorism") or the text spells the word with a hyphen elsewhere;
 * otherwise it is the typesetter's hyphen and goes. This settles the end
 * of para[0..*plen) (shortened in place) and returns 1 when a space goes
 * before the line.
 */
static int
join_prepare(const struct repair_hyphens *h, char *para, size_t *plen, const char *s, size_t len)
{
	size_t n = *plen;

	if (n == 0)
		return 0;
	/* justified text may leave a space before the line-end hyphen: "detonat -" */
	if (n >= 3 && para[n - 1] == '-' && para[n - 2] == ' ' && isalpha((unsigned char)para[n - 3]) &&
	    repair_starts_lower(s, len)) {
		n -= 2;
		para[n++] = '-';
	}
	*plen = n;
	if (n >= 2 && para[n - 1] == '-' && isalpha((unsigned char)para[n - 2]) && len > 0 &&
	    lang_is_word_byte(s[0])) {
		if (repair_starts_lower(s, len) && !spelled_with_hyphen(h, para, n, s, len))
			*plen = n - 1;
		return 0;
	}
	return !ends_open(para, n);
}

void
repair_join_line(const struct repair_hyphens *h, struct sbuf *para, const char *s, size_t len)
{
	size_t n = para->len;

	if (join_prepare(h, para->buf, &n, s, len)) {
		para->len = n;
		sbuf_addch(para, ' ');
	} else {
		para->len = n;
	}
	sbuf_add(para, s, len);
}

void
repair_join_line_in_place(const struct repair_hyphens *h, char *para, size_t *plen, const char *s, size_t len)
{
	size_t n = *plen;

	if (join_prepare(h, para, &n, s, len))
		para[n++] = ' ';
	/* the line may overlap where it goes */
	memmove(para + n, s, len);
	n += len;
	para[n] = '\0';
	*plen = n;
}

/*
 * Inline clean-up: footnote markers and emphasis
 */

static void
push_ref(int **refs, size_t **at, size_t *nrefs, int v, size_t where)
{
	/* the arrays' capacity is the next power of two of their length */
	if ((*nrefs & (*nrefs - 1)) == 0 || *nrefs == 0) {
		*refs = xrealloc(*refs, (*nrefs ? *nrefs * 2 : 4) * sizeof(**refs));
		if (at)
			*at = xrealloc(*at, (*nrefs ? *nrefs * 2 : 4) * sizeof(**at));
	}
	if (at)
		(*at)[*nrefs] = where;
	(*refs)[(*nrefs)++] = v;
}

/*
 * Mark the asterisks that are emphasis: one that opens before a word and a
 * later one that closes after a word form a pair; a lone asterisk (a
 * reissue mark: "A/RES/69/250*") stays.
 */
static void
mark_emphasis(const char *s, size_t len, unsigned char *drop)
{
	size_t i, open = len;

	for (i = 0; i < len; i++) {
		int before_space, after_space;

		if (s[i] != '*')
			continue;
		before_space = i == 0 || s[i - 1] == ' ' || s[i - 1] == '(' || s[i - 1] == '"';
		after_space = i + 1 >= len || s[i + 1] == ' ' || strchr(",;.:)\"", s[i + 1]);
		if (before_space && !after_space) {
			open = i;
		} else if (!before_space && after_space && open < len) {
			drop[open] = drop[i] = 1;
			open = len;
		}
	}
}

/*
 * s[0..len) cleaned into b from b[o] on (b[0..o) is text already there);
 * returns the new length, b NUL-terminated there. Each byte read writes at
 * most one, so b may be s itself or lie before it (o = 0 then).
 */
/* The bytes clean_into looks at twice; any other is copied as it is. */
static const unsigned char clean_special[256] = {
	[' '] = 1, [','] = 1, [';'] = 1, [0xC2] = 1, [0xE2] = 1,
};

static size_t
clean_into(const char *s, size_t len, char *b, size_t o, int **refs, size_t **at, size_t *nrefs)
{
	size_t i = 0, k, first = *nrefs, o0 = o;
	int v;
	unsigned char *drop = NULL;

	if (memchr(s, '*', len)) {
		drop = xcalloc(len + 1, 1);
		mark_emphasis(s, len, drop);
	}
	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if (!clean_special[c] && !drop) {
			/* the run of ordinary bytes up to the next one to look at */
			do
				b[o++] = s[i++];
			while (i < len && !clean_special[(unsigned char)s[i]]);
			continue;
		}
		/* superscript digits start with 0xC2 or 0xE2 */
		if ((c == 0xC2 || c == 0xE2) && (k = repair_superscript_run(s + i, len - i, &v)) > 0) {
			/* a marker spaced off its word belongs to the word before */
			push_ref(refs, at, nrefs, v, o > o0 && b[o - 1] == ' ' ? o - 1 - o0 : o - o0);
			i += k;
			continue;
		}
		if (drop && drop[i]) {
			i++;
			continue;
		}
		if (c == ' ' || (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0)) {
			/* one space at most, none at the start, none before , ; */
			if (o > 0 && b[o - 1] != ' ')
				b[o++] = ' ';
			i += c == ' ' ? 1 : 2;
			continue;
		}
		if ((c == ',' || c == ';') && o >= 2 && b[o - 1] == ' ' && b[o - 2] != '"')
			o--;
		b[o++] = (char)c;
		i++;
	}
	while (o > 0 && b[o - 1] == ' ')
		o--;
	b[o] = '\0';
	/* a marker before a space that a comma took back, or at the end */
	for (k = first; at && k < *nrefs; k++)
		if ((*at)[k] > o - o0)
			(*at)[k] = o - o0;
	free(drop);
	return o;
}

void
repair_clean_inline(const char *s, size_t len, struct sbuf *out, int **refs, size_t *nrefs)
{
	/* the output is never longer than the input */
	GROW(out->buf, out->cap, out->len + len + 1);
	out->len = clean_into(s, len, out->buf, out->len, refs, NULL, nrefs);
}

size_t
repair_clean_inline_to(const char *s, size_t len, char *dst, int **refs, size_t **at, size_t *nrefs)
{
	return clean_into(s, len, dst, 0, refs, at, nrefs);
}
