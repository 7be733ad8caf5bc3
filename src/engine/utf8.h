/*
 * utf8: decoding, encoding and making text safe to show.
 *
 * Ownership: all functions borrow their input; output goes to a caller-owned
 * sbuf. Errors: decoding never fails; an invalid byte decodes as
 * UTF8_INVALID and consumes exactly one byte, so a scan always advances.
 */
#ifndef REDLINE_UTF8_H
#define REDLINE_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "sbuf.h"

#define UTF8_INVALID 0xFFFFFFFFu

/* Decode one code point at s (n > 0 bytes available); return bytes used. */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);
void utf8_encode(struct sbuf *out, uint32_t cp);
/* UTF-16 (after its byte-order mark) appended to out as UTF-8; -1 with
 * *bad at the byte offset of an unpaired surrogate or a lone last byte. */
int utf8_from_utf16(const char *s, size_t n, int big_endian, struct sbuf *out, size_t *bad);
/* 1 if s[0..n) is valid UTF-8; else 0 and *bad is the offset of the first bad byte. */
int utf8_valid(const char *s, size_t n, size_t *bad);
/* Bytes of the code point that ends just before s+n (n > 0). */
size_t utf8_prev_len(const char *s, size_t n);

/*
 * What a terminal must never receive raw, or a reader never miss: the one
 * list, used by utf8_sanitize (text for terminals), the JSON writer (which
 * escapes the same characters) and the interface's last-line guard.
 */
enum utf8_unsafe {
	UTF8_SAFE,
	UTF8_UNSAFE_INVALID,	/* not UTF-8 */
	UTF8_UNSAFE_C0,		/* C0 controls and DEL (tab included) */
	UTF8_UNSAFE_C1,		/* C1 controls, U+0080..U+009F */
	UTF8_UNSAFE_FORMAT	/* bidirectional controls; zero-width, invisible and line/paragraph separators;
				 * the non-characters U+FFFE and U+FFFF (XML cannot hold them) */
};
enum utf8_unsafe utf8_unsafe(uint32_t cp);

/*
 * Append s to out with everything a terminal would act on, or a reader
 * could not see, made visible: C0 controls and DEL as ^X, C1 controls as
 * \x9b, bidirectional controls and invisible characters (zero-width
 * spaces and joiners, soft hyphens, U+2028/9, tags) as <U+200B>, invalid
 * bytes as U+FFFD. Tabs become one space unless keep_tab.
 */
void utf8_sanitize(struct sbuf *out, const char *s, size_t n, int keep_tab);
/* s[0..n) for XML and HTML: & < > " ' as entities, the rest as it is. */
void utf8_escape_markup(struct sbuf *out, const char *s, size_t n);
/* A document's text for XML and HTML: sanitised (so also free of what XML
 * cannot hold), then escaped. */
void utf8_markup_text(struct sbuf *out, const char *s, size_t n);

/* Letter or digit, for word tokenising across the scripts we support. */
int utf8_is_alnum(uint32_t cp);
int utf8_is_upper(uint32_t cp);
int utf8_is_lower(uint32_t cp);
/* Simple case fold for Latin, Greek and Cyrillic; others unchanged. */
uint32_t utf8_tolower(uint32_t cp);
int utf8_is_space(uint32_t cp);

/*
 * Display width in terminal cells, the one width function of the program:
 * 0 for combining marks and zero-width characters, 2 for East Asian wide and
 * full-width characters and emoji, 1 otherwise. It does not depend on the
 * locale, so the TUI, the text output and the tests agree.
 */
int utf8_width(uint32_t cp);
/* Width of a sanitised UTF-8 string (invalid bytes count 1). */
size_t utf8_str_width(const char *s, size_t n);

#endif
