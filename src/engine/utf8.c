#include "config.h"
#include "utf8.h"

#include <stdio.h>
#include <string.h>

size_t
utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c;
	size_t len, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		*cp = UTF8_INVALID;
		return 1;
	}
	if (n < len)
		goto bad;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			goto bad;
		c = (c << 6) | (s[i] & 0x3F);
	}
	/* overlong forms, surrogates and values past U+10FFFF */
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		goto bad;
	*cp = c;
	return len;
bad:
	*cp = UTF8_INVALID;
	return 1;
}

void
utf8_encode(struct sbuf *out, uint32_t cp)
{
	char b[4];

	if (cp < 0x80) {
		b[0] = (char)cp;
		sbuf_add(out, b, 1);
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		sbuf_add(out, b, 2);
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		sbuf_add(out, b, 3);
	} else {
		b[0] = (char)(0xF0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (char)(0x80 | (cp & 0x3F));
		sbuf_add(out, b, 4);
	}
}

static uint32_t
unit16(const unsigned char *p, int big_endian)
{
	return big_endian ? (uint32_t)p[0] << 8 | p[1] : (uint32_t)p[1] << 8 | p[0];
}

int
utf8_from_utf16(const char *s, size_t n, int big_endian, struct sbuf *out, size_t *bad)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i + 1 < n) {
		uint32_t cp = unit16(u + i, big_endian);

		if (cp >= 0xD800 && cp <= 0xDBFF) {
			uint32_t lo = i + 3 < n ? unit16(u + i + 2, big_endian) : 0;

			if (lo < 0xDC00 || lo > 0xDFFF)
				goto broken;
			cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			i += 2;
		} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
			goto broken;
		}
		utf8_encode(out, cp);
		i += 2;
	}
	if (i == n)
		return 0;
broken:
	if (bad)
		*bad = i;
	return -1;
}

int
utf8_valid(const char *s, size_t n, size_t *bad)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			uint64_t x;

			/* runs of ASCII, most of a text, eight bytes at a time */
			while (i + 8 <= n) {
				memcpy(&x, s + i, 8);
				if (x & 0x8080808080808080ULL)
					break;
				i += 8;
			}
			if (i < n && (unsigned char)s[i] < 0x80)
				i++;
			continue;
		}
		k = utf8_decode(s + i, n - i, &cp);
		if (cp == UTF8_INVALID) {
			if (bad)
				*bad = i;
			return 0;
		}
		i += k;
	}
	return 1;
}

size_t
utf8_prev_len(const char *s, size_t n)
{
	size_t k = 1;

	while (k < n && k < 4 && ((unsigned char)s[n - k] & 0xC0) == 0x80)
		k++;
	if (((unsigned char)s[n - k] & 0xC0) == 0x80)
		return 1;
	return k;
}

static int
is_bidi_control(uint32_t cp)
{
	return cp == 0x061C || cp == 0x200E || cp == 0x200F ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Characters that take no room and show nothing: a text that differs only
 * in them must still show a difference. */
static int
is_invisible(uint32_t cp)
{
	return cp == 0xAD || cp == 0x34F || cp == 0x115F || cp == 0x1160 || cp == 0x17B4 ||
	       cp == 0x17B5 || (cp >= 0x180B && cp <= 0x180F) || (cp >= 0x200B && cp <= 0x200D) ||
	       cp == 0x2028 || cp == 0x2029 || (cp >= 0x2060 && cp <= 0x2064) ||
	       (cp >= 0x206A && cp <= 0x206F) || cp == 0x3164 || cp == 0xFEFF || cp == 0xFFA0 ||
	       (cp >= 0xFFF9 && cp <= 0xFFFB) || cp == 0xFFFE || cp == 0xFFFF || (cp >= 0x1D173 && cp <= 0x1D17A) ||
	       (cp >= 0xE0000 && cp <= 0xE007F);
}

enum utf8_unsafe
utf8_unsafe(uint32_t cp)
{
	if (cp == UTF8_INVALID)
		return UTF8_UNSAFE_INVALID;
	if (cp < 0x20 || cp == 0x7F)
		return UTF8_UNSAFE_C0;
	if (cp >= 0x80 && cp < 0xA0)
		return UTF8_UNSAFE_C1;
	if (cp < 0xA0)
		return UTF8_SAFE;
	if (is_bidi_control(cp) || is_invisible(cp))
		return UTF8_UNSAFE_FORMAT;
	return UTF8_SAFE;
}

void
utf8_sanitize(struct sbuf *out, const char *s, size_t n, int keep_tab)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		/* a run of printable ASCII, the common case, is copied whole */
		size_t j = i;

		while (j < n && (unsigned char)s[j] >= 0x20 && (unsigned char)s[j] < 0x7F)
			j++;
		if (j > i) {
			sbuf_add(out, s + i, j - i);
			i = j;
			continue;
		}
		k = utf8_decode(s + i, n - i, &cp);
		if (cp == '\t') {
			sbuf_addch(out, keep_tab ? '\t' : ' ');
			i += k;
			continue;
		}
		switch (utf8_unsafe(cp)) {
		case UTF8_UNSAFE_INVALID:
			utf8_encode(out, 0xFFFD);
			break;
		case UTF8_UNSAFE_C0:
			sbuf_addch(out, '^');
			sbuf_addch(out, cp == 0x7F ? '?' : (char)(cp + 0x40));
			break;
		case UTF8_UNSAFE_C1:
			sbuf_printf(out, "\\x%02x", (unsigned)cp);
			break;
		case UTF8_UNSAFE_FORMAT:
			sbuf_printf(out, "<U+%04X>", (unsigned)cp);
			break;
		case UTF8_SAFE:
			sbuf_add(out, s + i, k);
			break;
		}
		i += k;
	}
}

int
utf8_is_upper(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		return 1;
	if (cp >= 0x100 && cp <= 0x17F)
		return (cp & 1) == 0;
	if (cp >= 0x391 && cp <= 0x3A9)
		return 1;
	if (cp >= 0x400 && cp <= 0x42F)
		return 1;
	return 0;
}

int
utf8_is_lower(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'a' && cp <= 'z';
	if (cp >= 0xDF && cp <= 0xFF && cp != 0xF7)
		return 1;
	if (cp >= 0x100 && cp <= 0x17F)
		return (cp & 1) == 1;
	if (cp >= 0x3B1 && cp <= 0x3C9)
		return 1;
	if (cp >= 0x430 && cp <= 0x45F)
		return 1;
	return 0;
}

uint32_t
utf8_tolower(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		return cp + 32;
	if (cp >= 0x100 && cp <= 0x17F && (cp & 1) == 0 && cp != 0x130)
		return cp + 1;
	if (cp >= 0x391 && cp <= 0x3A9)
		return cp + 32;
	if (cp >= 0x410 && cp <= 0x42F)
		return cp + 32;
	if (cp >= 0x400 && cp <= 0x40F)
		return cp + 80;
	return cp;
}

int
utf8_is_alnum(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		       (cp >= 'A' && cp <= 'Z');
	if (cp == UTF8_INVALID)
		return 0;
	/* Latin-1 letters, Latin Extended, Greek, Cyrillic, Arabic letters, CJK */
	if ((cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
	    (cp >= 0x370 && cp <= 0x3FF) || (cp >= 0x400 && cp <= 0x52F) ||
	    (cp >= 0x620 && cp <= 0x64A) || (cp >= 0x660 && cp <= 0x669) ||
	    (cp >= 0x671 && cp <= 0x6D3) || (cp >= 0x1E00 && cp <= 0x1EFF) ||
	    (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x9FFF) ||
	    (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0x20000 && cp <= 0x2FFFF))
		return 1;
	/* combining marks stay inside the word they modify */
	if ((cp >= 0x300 && cp <= 0x36F) || (cp >= 0x64B && cp <= 0x65F))
		return 1;
	return 0;
}

int
utf8_is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
	       cp == '\v' || cp == 0xA0 || cp == 0x2007 || cp == 0x202F ||
	       (cp >= 0x2000 && cp <= 0x200A) || cp == 0x3000;
}

int
utf8_width(uint32_t cp)
{
	if (cp == 0 || (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x483 && cp <= 0x489) ||
	    (cp >= 0x591 && cp <= 0x5BD) || (cp >= 0x610 && cp <= 0x61A) ||
	    (cp >= 0x64B && cp <= 0x65F) || cp == 0x670 || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
	    (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x200B && cp <= 0x200F) ||
	    (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
	    (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0xFEFF || (cp >= 0xE0100 && cp <= 0xE01EF))
		return 0;
	if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
	    (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	    (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
	    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
	    (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD))
		return 2;
	return 1;
}

size_t
utf8_str_width(const char *s, size_t n)
{
	size_t i = 0, w = 0, k;
	uint32_t cp;

	while (i < n) {
		/* ASCII, most of any text, is one cell (NUL none) without a call */
		if ((unsigned char)s[i] < 0x80) {
			w += s[i] != '\0';
			i++;
			continue;
		}
		k = utf8_decode(s + i, n - i, &cp);
		w += cp == UTF8_INVALID ? 1 : (size_t)utf8_width(cp);
		i += k;
	}
	return w;
}

void
utf8_escape_markup(struct sbuf *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		switch (s[i]) {
		case '&': sbuf_adds(out, "&amp;"); break;
		case '<': sbuf_adds(out, "&lt;"); break;
		case '>': sbuf_adds(out, "&gt;"); break;
		case '"': sbuf_adds(out, "&quot;"); break;
		case '\'': sbuf_adds(out, "&#39;"); break;
		default: sbuf_addch(out, s[i]);
		}
}

void
utf8_markup_text(struct sbuf *out, const char *s, size_t n)
{
	struct sbuf clean = SBUF_INIT;

	utf8_sanitize(&clean, s, n, 0);
	utf8_escape_markup(out, clean.buf ? clean.buf : "", clean.len);
	sbuf_release(&clean);
}
