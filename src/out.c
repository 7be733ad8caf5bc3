#include "config.h"
#include "out.h"

#include <unistd.h>

#include "sbuf.h"
#include "utf8.h"

static int
write_line(FILE *f, const char *prefix, const char *fmt, va_list ap)
{
	struct sbuf raw = SBUF_INIT, safe = SBUF_INIT;
	int rc = 0;

	sbuf_adds(&safe, prefix);
	sbuf_vprintf(&raw, fmt, ap);
	utf8_sanitize(&safe, sbuf_str(&raw), raw.len, 1);
	sbuf_addch(&safe, '\n');
	if (fwrite(safe.buf, 1, safe.len, f) != safe.len || ferror(f))
		rc = -1;
	sbuf_release(&raw);
	sbuf_release(&safe);
	return rc;
}

int
out_line(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = write_line(f, "", fmt, ap);
	va_end(ap);
	return rc;
}

int
out_literal(FILE *f, const char *text)
{
	return fputs(text, f) == EOF ? -1 : 0;
}

void
out_verror(const char *fmt, va_list ap)
{
	write_line(stderr, "redline: ", fmt, ap);
}

void
out_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	out_verror(fmt, ap);
	va_end(ap);
}

void
out_warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	write_line(stderr, "redline: warning: ", fmt, ap);
	va_end(ap);
}

void
out_progress(const char *fmt, ...)
{
	struct sbuf raw = SBUF_INIT, safe = SBUF_INIT;
	va_list ap;

	if (!isatty(STDERR_FILENO))
		return;
	/* back to the line's start, the text, then erase what a longer line left */
	sbuf_addch(&safe, '\r');
	if (fmt) {
		va_start(ap, fmt);
		sbuf_vprintf(&raw, fmt, ap);
		va_end(ap);
		utf8_sanitize(&safe, sbuf_str(&raw), raw.len, 1);
	}
	sbuf_adds(&safe, "\033[K");
	if (fwrite(safe.buf, 1, safe.len, stderr) != safe.len) {
		/* a progress line that cannot be shown is no error */
	}
	fflush(stderr);
	sbuf_release(&raw);
	sbuf_release(&safe);
}
