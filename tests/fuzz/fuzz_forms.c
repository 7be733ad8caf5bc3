/*
 * A libFuzzer target for the text forms the parser recognises besides
 * typed text (src/engine/repair.c, plainfn.c, markdown.c): the input's
 * first byte picks a form the rest is set in -- pdftotext's raw form (no
 * blank lines, form feeds and page furniture at page breaks), its -layout
 * form (indented lines), the PyMuPDF form (hard-wrapped lines, a footnote
 * rule and a page's footnotes between pages), Markdown with front matter,
 * UTF-16 with a byte-order mark, CRLF with a UTF-8 byte-order mark --
 * and the result is written to a file and loaded as every file named on
 * the command line is (src/source.c: read within bounds by src/input.c,
 * its kind sniffed, UTF-16 decoded, then parsed), and compared with the
 * text as it came, parsed in memory.
 *
 * Checked: nothing crashes, hangs or leaks; every clause, footnote and
 * metadata text is UTF-8 on one line, no form feed or tab left; and the encodings are
 * no change: UTF-16 with a BOM, and CRLF with a UTF-8 BOM, read exactly
 * as the UTF-8 text itself (the README promises it). tests/fuzz/replay-forms
 * runs the saved corpus (corpus-forms/) in every make check.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "compare.h"
#include "fuzzlib.h"
#include "parse.h"
#include "sbuf.h"
#include "source.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { F_RAW, F_LAYOUT, F_PYMUPDF, F_MARKDOWN, F_UTF16, F_CRLF, F_COUNT };

/* Lines of the text one by one: the next line's start and length. */
static int
next_line(const char *s, size_t n, size_t *at, const char **line, size_t *len)
{
	const char *nl;

	if (*at >= n)
		return 0;
	*line = s + *at;
	nl = memchr(*line, '\n', n - *at);
	*len = nl ? (size_t)(nl - *line) : n - *at;
	*at += *len + 1;
	return 1;
}

static void
set_form(int form, const char *s, size_t n, struct sbuf *out)
{
	const char *line;
	size_t at = 0, len, k = 0, i;

	switch (form) {
	case F_RAW:	/* pdftotext: no blank lines, a page break every 30 lines */
		while (next_line(s, n, &at, &line, &len)) {
			if (len == 0)
				continue;
			sbuf_add(out, line, len);
			sbuf_addch(out, '\n');
			if (++k % 30 == 0)
				sbuf_adds(out, "24-22794\n2/12\n\f");
		}
		break;
	case F_LAYOUT:	/* pdftotext -layout: indented, the header in two columns */
		while (next_line(s, n, &at, &line, &len)) {
			sbuf_adds(out, k < 3 ? "                                                  " : "      ");
			sbuf_add(out, line, len);
			sbuf_addch(out, '\n');
			if (++k % 45 == 0)
				sbuf_adds(out, "\f   A/RES/79/53                                  Page 2\n");
		}
		break;
	case F_PYMUPDF:	/* wrapped at 60 bytes (between words), a footnote block every 25 lines */
		while (next_line(s, n, &at, &line, &len)) {
			size_t col = 0;

			for (i = 0; i < len; i++) {
				if (line[i] == ' ' && col >= 60) {
					sbuf_addch(out, '\n');
					col = 0;
					if (++k % 25 == 0)
						sbuf_adds(out, "__________________\n1 See A/79/211.\n24-22794 3/12\n");
					continue;
				}
				sbuf_addch(out, line[i]);
				col++;
			}
			sbuf_addch(out, '\n');
		}
		break;
	case F_MARKDOWN:
		sbuf_adds(out, "---\ntitle: \"A/RES/79/53\"\nsource: fuzz\n---\n\n");
		sbuf_add(out, s, n);
		sbuf_adds(out, "\n\n[^1]: See A/79/211.\n");
		break;
	case F_UTF16:	/* little endian, with its BOM */
		sbuf_add(out, "\xff\xfe", 2);
		for (i = 0; i < n;) {
			uint32_t cp;
			size_t l = utf8_decode(s + i, n - i, &cp);

			if (l == 0)
				break;
			i += l;
			if (cp >= 0x10000) {
				uint32_t v = cp - 0x10000, hi = 0xd800 | (v >> 10), lo = 0xdc00 | (v & 0x3ff);

				sbuf_addch(out, (char)(hi & 0xff));
				sbuf_addch(out, (char)(hi >> 8));
				sbuf_addch(out, (char)(lo & 0xff));
				sbuf_addch(out, (char)(lo >> 8));
			} else {
				sbuf_addch(out, (char)(cp & 0xff));
				sbuf_addch(out, (char)(cp >> 8));
			}
		}
		break;
	case F_CRLF:
		sbuf_adds(out, "\xef\xbb\xbf");
		for (i = 0; i < n; i++) {
			if (s[i] == '\n')
				sbuf_addch(out, '\r');
			sbuf_addch(out, s[i]);
		}
		break;
	}
	if (!out->buf)
		sbuf_adds(out, "");
}

/* A text of the model: UTF-8, one line, the extraction's layout gone
 * (other control characters are the document's: the outputs make them
 * visible, src/engine/utf8.h). */
static void
check_text(const char *what, const char *s)
{
	const char *why = NULL;
	size_t bad;

	if (!s)
		return;
	if (!utf8_valid(s, strlen(s), &bad))
		why = "invalid UTF-8";
	else if (strpbrk(s, "\n\r\f\t"))
		why = "a line end, form feed or tab left in";
	if (why) {
		char msg[200];

		snprintf(msg, sizeof(msg), "%s: %s", what, why);
		fz_fail(msg, s, strlen(s));
	}
}

static void
check_resolution(const struct resolution *r)
{
	size_t i;

	for (i = 0; i < r->nclauses; i++) {
		check_text("clause id", r->clauses[i].id);
		check_text("clause text", r->clauses[i].text);
		check_text("clause number", r->clauses[i].number);
		check_text("clause opener", r->clauses[i].opener);
	}
	for (i = 0; i < r->nfootnotes; i++)
		check_text("footnote", r->footnotes[i].text);
	check_text("symbol", r->meta.symbol);
	check_text("title", r->meta.title);
}

/* The same clauses, word for word. */
static void
same_clauses(const struct resolution *a, const struct resolution *b, const char *form)
{
	char msg[200];
	size_t i;

	if (a->nclauses != b->nclauses) {
		snprintf(msg, sizeof(msg), "%s reads %zu clauses, the UTF-8 text %zu", form, b->nclauses, a->nclauses);
		fz_fail(msg, NULL, 0);
	}
	for (i = 0; i < a->nclauses; i++)
		if (strcmp(a->clauses[i].id, b->clauses[i].id) != 0 || strcmp(a->clauses[i].text, b->clauses[i].text) != 0) {
			snprintf(msg, sizeof(msg), "%s reads clause %zu (%s) otherwise than the UTF-8 text (%s)", form, i,
				 b->clauses[i].id, a->clauses[i].id);
			fz_fail(msg, b->clauses[i].text, strlen(b->clauses[i].text));
		}
}

/* The file the formed text is loaded from: one per process, removed at exit. */
static char file[64];

static void
remove_file(void)
{
	unlink(file);
}

static int
write_file(const struct sbuf *t)
{
	FILE *f;
	int fd;

	if (!*file) {
		snprintf(file, sizeof(file), "/tmp/redline-fuzz-forms-XXXXXX");
		if ((fd = mkstemp(file)) < 0)
			return -1;
		close(fd);
		atexit(remove_file);
	}
	if (!(f = fopen(file, "wb")))
		return -1;
	if (fwrite(t->buf, 1, t->len, f) != t->len) {
		fclose(f);
		return -1;
	}
	return fclose(f);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct resolution plain;
	struct source src;
	struct comparison c;
	struct rl_error err;
	struct sbuf t = SBUF_INIT;
	const char *s = (const char *)data + 1;
	size_t n = size ? size - 1 : 0, bad;
	int form, plain_ok, formed_ok;

	if (size == 0)
		return 0;
	form = data[0] % F_COUNT;
	set_form(form, s, n, &t);
	resolution_init(&plain);
	source_init(&src);
	plain_ok = parse_resolution(s, n, "plain", &plain, &err) == 0;
	if (write_file(&t) < 0)
		fz_fail("cannot write the formed text to a file", NULL, 0);
	formed_ok = source_load_file(NULL, file, &src, &err) == 0;
	if (formed_ok) {
		check_resolution(&src.res);
		if (plain_ok) {
			compare_resolutions(&plain, &src.res, 0, &c);
			comparison_release(&c);
		}
	}
	/*
	 * The encodings hold for text that is valid UTF-8 without the bytes
	 * they themselves stand for (CR, a BOM of its own, NUL).
	 */
	if ((form == F_UTF16 || form == F_CRLF) && utf8_valid(s, n, &bad) && !memchr(s, '\r', n) &&
	    !memchr(s, '\0', n) && !(n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)) {
		if (plain_ok != formed_ok)
			fz_fail(form == F_UTF16 ? "UTF-16 read otherwise than UTF-8 (one parsed, one not)"
						: "CRLF read otherwise than LF (one parsed, one not)", NULL, 0);
		if (plain_ok)
			same_clauses(&plain, &src.res, form == F_UTF16 ? "UTF-16" : "CRLF with a BOM");
	}
	resolution_release(&plain);
	source_release(&src);
	sbuf_release(&t);
	return 0;
}
