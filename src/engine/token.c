#include "config.h"
#include "token.h"

#include <stdint.h>
#include <stdlib.h>

#include "sbuf.h"
#include "utf8.h"
#include "util.h"

enum tok_family { FAM_NONE, FAM_SQUOTE, FAM_DQUOTE, FAM_DASH };

static const char *const family_rep[] = { "", "'", "\"", "-" };

void
token_list_init(struct token_list *tl)
{
	tl->v = NULL;
	tl->n = tl->cap = 0;
}

void
token_list_release(struct token_list *tl)
{
	free(tl->v);
	token_list_init(tl);
}

uint32_t
token_fold_typography(uint32_t cp)
{
	switch (cp) {
	case '\'': case '`': case 0xB4: case 0x2018: case 0x2019: case 0x201A:
	case 0x201B: case 0x2032: case 0x2035: case 0x2039: case 0x203A: case 0xFF07:
		return '\'';
	case '"': case 0xAB: case 0xBB: case 0x201C: case 0x201D: case 0x201E:
	case 0x201F: case 0x2033: case 0x2036: case 0x301D: case 0x301E: case 0x301F:
	case 0xFF02:
		return '"';
	case '-': case 0xAD: case 0x2010: case 0x2011: case 0x2012: case 0x2013:
	case 0x2014: case 0x2015: case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
		return '-';
	default:
		return cp;
	}
}

static enum tok_family
token_family(uint32_t cp)
{
	switch (token_fold_typography(cp)) {
	case '\'':
		return FAM_SQUOTE;
	case '"':
		return FAM_DQUOTE;
	case '-':
		return FAM_DASH;
	default:
		return FAM_NONE;
	}
}

/*
 * Under IGNORE_TYPOGRAPHY a hyphen or dash between two word characters
 * joins them into one word, as the aligner's key drops it: a PDF's lost,
 * spurious or restyled hyphen ("1990-2000", "1990\xE2\x80\x932000",
 * "capacity building") is then no change to either.
 */
static int
token_is_hyphen(uint32_t cp)
{
	return token_fold_typography(cp) == '-';
}

/* The kind sits in the low bits (token.h). */
static unsigned long long
token_key(const char *s, size_t n, enum tok_kind kind)
{
	return (hash_bytes(s, n) & ~3ULL) | (unsigned long long)kind;
}

/*
 * ASCII is most of every text, so it is classified here, inline, and only
 * other bytes go to the decoder and utf8.c's tables (which agree with
 * these on ASCII).
 */
static int
ascii_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
ascii_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* End of the run of letters and digits at i. */
static size_t
token_run_alnum(const char *text, size_t len, size_t i)
{
	uint32_t cp;
	size_t k;

	while (i < len) {
		if ((unsigned char)text[i] < 0x80) {
			if (!ascii_alnum((unsigned char)text[i]))
				break;
			i++;
			continue;
		}
		k = utf8_decode(text + i, len - i, &cp);
		if (!utf8_is_alnum(cp))
			break;
		i += k;
	}
	return i;
}

/* End of the run of white space at i. */
static size_t
token_run_space(const char *text, size_t len, size_t i)
{
	uint32_t cp;
	size_t k;

	while (i < len) {
		if ((unsigned char)text[i] < 0x80) {
			if (!ascii_space((unsigned char)text[i]))
				break;
			i++;
			continue;
		}
		k = utf8_decode(text + i, len - i, &cp);
		if (!utf8_is_space(cp))
			break;
		i += k;
	}
	return i;
}

/* End of the word at i; with join, hyphenated parts continue it. */
static size_t
token_word_end(const char *text, size_t len, size_t i, int join, int *joined)
{
	size_t end = token_run_alnum(text, len, i), k;
	uint32_t cp, next;

	while (join && end < len) {
		k = utf8_decode(text + end, len - end, &cp);
		if (!token_is_hyphen(cp) || end + k >= len)
			break;
		utf8_decode(text + end + k, len - end - k, &next);
		if (!utf8_is_alnum(next))
			break;
		end = token_run_alnum(text, len, end + k);
		*joined = 1;
	}
	return end;
}

/* The key of a compound is the key of its parts written solid. */
static unsigned long long
token_joined_key(const char *s, size_t n, struct sbuf *scratch)
{
	size_t i = 0, k;
	uint32_t cp;

	sbuf_reset(scratch);
	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		if (!token_is_hyphen(cp))
			sbuf_add(scratch, s + i, k);
		i += k;
	}
	return token_key(sbuf_str(scratch), scratch->len, TOK_WORD);
}

static unsigned long long
token_punct_key(const char *s, size_t n, uint32_t cp, unsigned flags)
{
	enum tok_family fam = (flags & IGNORE_TYPOGRAPHY) ? token_family(cp) : FAM_NONE;

	if (fam != FAM_NONE)
		return token_key(family_rep[fam], 1, TOK_PUNCT);
	return token_key(s, n, TOK_PUNCT);
}

/*
 * Where the token that starts at text[i] ends, and its kind; *cp is its
 * first code point, *joined whether it is a compound joined by hyphens.
 */
static size_t
token_end(const char *text, size_t len, size_t i, unsigned flags, enum tok_kind *kind, uint32_t *cp,
	  int *joined)
{
	unsigned char c = (unsigned char)text[i];
	size_t k;

	*cp = c;
	*joined = 0;
	k = c < 0x80 ? 1 : utf8_decode(text + i, len - i, cp);
	if (c < 0x80 ? ascii_space(c) : utf8_is_space(*cp)) {
		*kind = TOK_SPACE;
		return token_run_space(text, len, i);
	}
	if (c < 0x80 ? ascii_alnum(c) : utf8_is_alnum(*cp)) {
		*kind = TOK_WORD;
		return token_word_end(text, len, i, flags & IGNORE_TYPOGRAPHY, joined);
	}
	*kind = TOK_PUNCT;
	return i + k;
}

/* The key of the token text[i..end). */
static unsigned long long
token_key_of(const char *text, size_t i, size_t end, enum tok_kind kind, uint32_t cp, int joined,
	     unsigned flags, struct sbuf *scratch, unsigned long long space_key)
{
	switch (kind) {
	case TOK_SPACE:
		return space_key;
	case TOK_WORD:
		return joined ? token_joined_key(text + i, end - i, scratch) : token_key(text + i, end - i, TOK_WORD);
	case TOK_PUNCT:
		break;
	}
	return token_punct_key(text + i, end - i, cp, flags);
}

void
token_scanner_init(struct token_scanner *ts, const char *text, size_t len, unsigned flags)
{
	ts->text = text;
	ts->len = len;
	ts->flags = flags;
	sbuf_init(&ts->scratch);
	/* all runs of white space compare equal */
	ts->space_key = token_key(" ", 1, TOK_SPACE);
}

void
token_scanner_release(struct token_scanner *ts)
{
	sbuf_release(&ts->scratch);
}

size_t
token_scan(struct token_scanner *ts, size_t i, unsigned long long *key)
{
	enum tok_kind kind;
	uint32_t cp;
	int joined;
	size_t end = token_end(ts->text, ts->len, i, ts->flags, &kind, &cp, &joined);

	*key = token_key_of(ts->text, i, end, kind, cp, joined, ts->flags, &ts->scratch, ts->space_key);
	return end;
}

void
tokenize(const char *text, size_t len, unsigned flags, struct token_list *out)
{
	struct token_scanner ts;
	size_t i = 0, end;

	token_scanner_init(&ts, text, len, flags);
	out->n = 0;
	while (i < len) {
		GROW(out->v, out->cap, out->n + 2);
		out->v[out->n].s = text + i;
		end = token_scan(&ts, i, &out->v[out->n].key);
		out->n++;
		i = end;
	}
	GROW(out->v, out->cap, out->n + 1);
	out->v[out->n].s = len ? text + len : text;	/* text may be NULL when empty */
	out->v[out->n].key = 0;
	token_scanner_release(&ts);
}
