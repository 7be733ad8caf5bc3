/*
 * export: a comparison as a document to circulate, and its safe writing
 * (export.h).
 */
#include "config.h"
#include "export.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "docxout.h"
#include "htmlout.h"
#include "mdout.h"
#include "redoc.h"
#include "source.h"
#include "textout.h"
#include "utf8.h"

/* The one table of the formats: name, extension. */
static const struct {
	const char *name;
	enum export_format f;
	const char *ext;
} formats[] = {
	{ "docx", EXPORT_DOCX, "docx" }, { "html", EXPORT_HTML, "html" }, { "md", EXPORT_MARKDOWN, "md" },
	{ "markdown", EXPORT_MARKDOWN, "md" }, { "text", EXPORT_TEXT, "txt" },
};

int
export_format_of(const char *name, enum export_format *out)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(formats); i++)
		if (strcmp(formats[i].name, name) == 0) {
			*out = formats[i].f;
			return 0;
		}
	return -1;
}

const char *
export_extension(enum export_format f)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(formats); i++)
		if (formats[i].f == f)
			return formats[i].ext;
	return "txt";
}

/* A label as part of a file name: letters, digits, '.' and '-' kept, the
 * rest (a '/' above all) made '-'. */
static void
name_part(const char *s, struct sbuf *out)
{
	static const char *const exts[] = { ".txt", ".pdf", ".docx", ".md" };
	size_t start = out->len, len = strlen(s), i;
	const char *end;

	/* a file's label: its name without the extension */
	for (i = 0; i < ARRAY_SIZE(exts); i++)
		if (len > strlen(exts[i]) && strcmp(s + len - strlen(exts[i]), exts[i]) == 0) {
			len -= strlen(exts[i]);
			break;
		}
	for (end = s + len; s < end; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
		    (c == '-' && out->len > start))
			sbuf_addch(out, (char)c);
		else if (out->len > start && out->buf[out->len - 1] != '-')
			sbuf_addch(out, '-');
	}
	while (out->len > start && (out->buf[out->len - 1] == '-' || out->buf[out->len - 1] == '.'))
		out->len--;
	if (out->len == start)
		sbuf_adds(out, "version");
	out->buf[out->len] = '\0';
}

/* What names a version in a file name: its brief label, but a file
 * without a symbol by its own name, not the folders it was given with. */
static void
version_name(const struct source *s, struct sbuf *out)
{
	struct sbuf label = SBUF_INIT;
	const char *slash;

	source_label(s, 1, &label);
	if (s->from_repo || s->res.meta.symbol || !(slash = strrchr(label.buf, '/')))
		sbuf_adds(out, label.buf);
	else
		sbuf_adds(out, slash + 1);
	sbuf_release(&label);
}

void
export_name_for(const struct source *a, const struct source *b, enum export_format f, struct sbuf *out)
{
	struct sbuf na = SBUF_INIT, nb = SBUF_INIT;

	version_name(a, &na);
	version_name(b, &nb);
	export_default_name(na.buf, nb.buf, f, out);
	sbuf_release(&na);
	sbuf_release(&nb);
}

void
export_default_name(const char *old_label, const char *new_label, enum export_format f, struct sbuf *out)
{
	name_part(old_label, out);
	sbuf_adds(out, "-to-");
	name_part(new_label, out);
	sbuf_printf(out, ".%s", export_extension(f));
}

/*
 * Lines the text output does not wrap (the summary, the metadata) broken
 * at spaces to fit width, the rest indented under their start, so that no
 * line of an e-mail is longer than width unless one word is.
 */
static void
wrap_long_lines(const char *s, size_t len, int width, struct sbuf *out)
{
	size_t i = 0;

	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - s) : len, at = i;
		int indent = 0;

		for (;;) {
			size_t k = at, brk = 0;
			int cells = indent;

			while (k < end) {
				uint32_t cp;
				size_t n = utf8_decode(s + k, end - k, &cp);

				if (!n)
					n = 1;
				if (s[k] == ' ' && k > at)
					brk = k;
				cells += cp == UTF8_INVALID ? 1 : utf8_width(cp);
				if (cells > width && brk)
					break;
				k += n;
			}
			if (k >= end || !brk) {
				sbuf_printf(out, "%*s", indent, "");
				sbuf_add(out, s + at, end - at);
				break;
			}
			sbuf_printf(out, "%*s", indent, "");
			sbuf_add(out, s + at, brk - at);
			sbuf_addch(out, '\n');
			at = brk + 1;
			indent = 4;
		}
		if (nl)
			sbuf_addch(out, '\n');
		i = end + 1;
	}
}

/* The text output, wrapped for e-mail, without colour. */
static int
text_export(const struct comparison *c, const struct export_opts *o, struct sbuf *out, struct rl_error *err)
{
	struct textout_opts to;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int rc;

	if (!f)
		return rl_fail(err, "cannot make the text: %s", strerror(errno));
	memset(&to, 0, sizeof(to));
	to.width = 72;
	to.old_label = o->old_label;
	to.new_label = o->new_label;
	rc = textout_diff(f, c, &to);
	if (fclose(f) != 0)
		rc = -1;
	if (rc == 0)
		wrap_long_lines(buf, len, to.width, out);
	free(buf);
	return rc < 0 ? rl_fail(err, "cannot make the text") : 0;
}

int
export_comparison(enum export_format f, const struct comparison *c, const struct export_opts *o, struct sbuf *out,
		  struct rl_error *err)
{
	struct redoc d;
	int rc = 0;

	switch (f) {
	case EXPORT_TEXT:
		return text_export(c, o, out, err);
	case EXPORT_MARKDOWN:
		mdout_comparison(c, o, out);
		return 0;
	case EXPORT_HTML:
		redoc_build(c, &d);
		htmlout_redline(&d, o, out);
		redoc_release(&d);
		return 0;
	case EXPORT_DOCX:
		redoc_build(c, &d);
		rc = docxout_redline(&d, o, out, err);
		redoc_release(&d);
		return rc;
	}
	return rl_fail(err, "unknown export format");
}

static int
write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

int
export_write(const char *path, const char *buf, size_t len, int force, struct rl_error *err)
{
	struct sbuf tmp = SBUF_INIT;
	const char *slash;
	struct stat st;
	mode_t mask;
	int fd = -1, rc = -1, saved;

	if (strcmp(path, "-") == 0) {
		if (write_all(STDOUT_FILENO, buf, len) < 0)
			return rl_fail(err, "cannot write to standard output: %s", strerror(errno));
		return 0;
	}
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return rl_fail(err, "'%s' is a folder; name a file to write", path);
	if (!force && access(path, F_OK) == 0) {
		rl_fail(err, "'%s' exists; --force replaces it", path);
		return -2;
	}
	/* beside the destination, so the rename cannot cross file systems */
	slash = strrchr(path, '/');
	if (slash)
		sbuf_add(&tmp, path, (size_t)(slash - path + 1));
	sbuf_printf(&tmp, ".%s.XXXXXX", slash ? slash + 1 : path);
	if ((fd = mkstemp(tmp.buf)) < 0) {
		rl_fail(err, "cannot write '%s': %s", path, strerror(errno));
		goto out;
	}
	/* the permissions a new file gets, not mkstemp's 0600 */
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) < 0 || write_all(fd, buf, len) < 0 || fsync(fd) < 0) {
		saved = errno;
		rl_fail(err, "cannot write '%s': %s", path, strerror(saved));
		goto out;
	}
	if (close(fd) < 0) {
		fd = -1;
		rl_fail(err, "cannot write '%s': %s", path, strerror(errno));
		goto out;
	}
	fd = -1;
	if (force) {
		if (rename(tmp.buf, path) < 0) {
			rl_fail(err, "cannot write '%s': %s", path, strerror(errno));
			goto out;
		}
	} else if (link(tmp.buf, path) < 0) {
		/* a file made meanwhile is not replaced */
		if (errno == EEXIST) {
			rl_fail(err, "'%s' exists; --force replaces it", path);
			rc = -2;
		}
		else if ((errno == EPERM || errno == ENOTSUP || errno == EXDEV) && access(path, F_OK) != 0 &&
			 rename(tmp.buf, path) == 0)
			rc = 0;	/* no hard links here (some network and FAT file systems) */
		else
			rl_fail(err, "cannot write '%s': %s", path, strerror(errno));
		if (rc < 0)
			goto out;
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (tmp.buf)
		unlink(tmp.buf);	/* after a link or a failure; gone after a rename */
	sbuf_release(&tmp);
	return rc;
}
