#include "config.h"
#include "sbuf.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
sbuf_init(struct sbuf *sb)
{
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

void
sbuf_release(struct sbuf *sb)
{
	free(sb->buf);
	sbuf_init(sb);
}

void
sbuf_reset(struct sbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

/*
 * Most strings are written once (a line, a clause) and kept. The first
 * allocation is therefore exactly what is asked, not the next power of
 * two: rounding up left a large document's clause and paragraph texts
 * with a third of their memory unused, and every page of it touched.
 * Strings that keep growing double from there, as before.
 */
#define SBUF_MIN 16

static void
sbuf_grow(struct sbuf *sb, size_t need)
{
	if (need <= sb->cap)
		return;
	if (sb->cap == 0) {
		sb->cap = need > SBUF_MIN ? need : SBUF_MIN;
		sb->buf = xrealloc(sb->buf, sb->cap);
		return;
	}
	GROW(sb->buf, sb->cap, need);
}

void
sbuf_add(struct sbuf *sb, const char *s, size_t n)
{
	sbuf_grow(sb, sb->len + n + 1);
	if (n)
		memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void
sbuf_adds(struct sbuf *sb, const char *s)
{
	sbuf_add(sb, s, strlen(s));
}

void
sbuf_addch(struct sbuf *sb, char c)
{
	sbuf_add(sb, &c, 1);
}

void
sbuf_vprintf(struct sbuf *sb, const char *fmt, va_list ap)
{
	va_list again;
	char small[256];
	int n;

	va_copy(again, ap);
	/* most strings made so are short: formatted once, on the stack */
	n = vsnprintf(small, sizeof(small), fmt, ap);
	if (n >= 0 && (size_t)n < sizeof(small)) {
		sbuf_add(sb, small, (size_t)n);
	} else if (n >= 0) {
		sbuf_grow(sb, sb->len + (size_t)n + 1);
		vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, again);
		sb->len += (size_t)n;
	}
	va_end(again);
}

void
sbuf_printf(struct sbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sbuf_vprintf(sb, fmt, ap);
	va_end(ap);
}

/* A detached string is kept, so it gives back the room it did not use. */
char *
sbuf_detach(struct sbuf *sb)
{
	char *p = sb->buf ? sb->buf : xstrdup("");

	if (sb->buf && sb->cap > sb->len + 1)
		p = xrealloc(p, sb->len + 1);

	sbuf_init(sb);
	return p;
}

const char *
sbuf_str(const struct sbuf *sb)
{
	return sb->buf ? sb->buf : "";
}
