/*
 * A libFuzzer target for the web page writer (src/htmlout.c, through
 * export_comparison), and the Markdown and e-mail text writers beside it:
 * the input is cut at 0xFF bytes into OLD, NEW (else a small built-in
 * resolution) and a label; the pair is compared and exported. The page
 * must be well-formed HTML by fuzzlib's checker (fz_html_check: every
 * element closed in order, attributes quoted, entities whole, no raw
 * control character, no script, no block inside a <p>), and the text
 * forms UTF-8 with no control character but line ends.
 * tests/fuzz/replay-htmlout runs the saved corpus (corpus-htmlout/) in
 * every make check.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "export.h"
#include "fuzzlib.h"
#include "parse.h"
#include "sbuf.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
export_checked(enum export_format f, const struct comparison *c, const struct export_opts *o)
{
	struct sbuf out = SBUF_INIT;
	struct rl_error err;
	const char *why;

	if (export_comparison(f, c, o, &out, &err) != 0)
		fz_fail(err.msg, NULL, 0);
	if (!out.buf)
		sbuf_adds(&out, "");
	why = f == EXPORT_HTML ? fz_html_check(out.buf, out.len) : fz_text_check(out.buf, out.len, "\n");
	if (why) {
		char msg[200];

		snprintf(msg, sizeof(msg), "%s: %s", export_extension(f), why);
		fz_fail(msg, out.buf, out.len);
	}
	sbuf_release(&out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_part p[3], base = { fz_base_text, fz_base_len };
	size_t np = fz_split(data, size, p, 3);
	struct resolution a, b;
	struct comparison c;
	struct export_opts o;
	struct sbuf label = SBUF_INIT;
	int ok_a = fz_parse(&p[0], "old", &a) == 0, ok_b = fz_parse(np > 1 ? &p[1] : &base, "new", &b) == 0;

	if (ok_a && ok_b) {
		/* a label as source_label makes one: sanitised */
		if (np > 2)
			utf8_sanitize(&label, p[2].s, p[2].len, 0);
		else
			sbuf_adds(&label, "79/53");
		memset(&o, 0, sizeof(o));
		o.author = "Fuzz <fuzz@example.org>";
		o.date = "2026-12-06T15:00:00Z";
		o.old_label = "77/64";
		o.new_label = label.buf;
		compare_resolutions(&a, &b, 0, &c);
		export_checked(EXPORT_HTML, &c, &o);
		export_checked(EXPORT_MARKDOWN, &c, &o);
		export_checked(EXPORT_TEXT, &c, &o);
		comparison_release(&c);
	}
	resolution_release(&a);
	resolution_release(&b);
	sbuf_release(&label);
	return 0;
}
