/*
 * sbuf: a growable, always NUL-terminated byte string.
 *
 * Ownership: the sbuf owns buf; sbuf_release frees it and leaves an empty,
 * reusable sbuf; sbuf_detach hands buf to the caller (who frees it).
 * Errors: none; allocation failure aborts (see util.h).
 */
#ifndef REDLINE_SBUF_H
#define REDLINE_SBUF_H

#include <stdarg.h>
#include <stddef.h>

struct sbuf {
	char *buf;
	size_t len;
	size_t cap;
};

#define SBUF_INIT { NULL, 0, 0 }

void sbuf_init(struct sbuf *sb);
void sbuf_release(struct sbuf *sb);
void sbuf_reset(struct sbuf *sb);
void sbuf_add(struct sbuf *sb, const char *s, size_t n);
void sbuf_adds(struct sbuf *sb, const char *s);
void sbuf_addch(struct sbuf *sb, char c);
void sbuf_printf(struct sbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sbuf_vprintf(struct sbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
char *sbuf_detach(struct sbuf *sb);
/* The contents, "" when empty (never NULL). */
const char *sbuf_str(const struct sbuf *sb);

#endif
