/*
 * A libFuzzer target for the Word reader's container: any bytes are read
 * as a DOCX package (src/docx.c through libzip), with tracked changes
 * accepted and rejected, after the sniffers (docx_is_docx, docx_is_zip)
 * that decide how a file is read. fuzz_docx.c fuzzes the XML inside a
 * package made well; this one the ZIP itself: local headers, the central
 * directory, sizes, compression, entry names. The text read must be
 * UTF-8 with no control character but line ends, and parse.
 * tests/fuzz/replay-zip runs the saved corpus (corpus-zip/) in every
 * make check.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "docx.h"
#include "fuzzlib.h"
#include "parse.h"
#include "sbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sbuf out = SBUF_INIT;
	struct resolution r;
	struct rl_error err;
	const char *buf = (const char *)data, *why;
	int original, is_docx = docx_is_docx(buf, size), is_zip = docx_is_zip(buf, size);

	if (is_docx && !is_zip)
		fz_fail("a Word document that is not a ZIP", NULL, 0);
	for (original = 0; original < 2; original++) {
		if (docx_read_mem(buf, size, "fuzz.docx", original, &out, &err) == 0) {
			if (!out.buf)
				sbuf_adds(&out, "");
			if ((why = fz_text_check(out.buf, out.len, "\n")) != NULL)
				fz_fail(why, out.buf, out.len);
			resolution_init(&r);
			if (parse_resolution(out.buf, out.len, "fuzz.docx", &r, &err) != 0)
				fz_fail("the Word document's normal form does not parse", out.buf, out.len);
			resolution_release(&r);
		}
		sbuf_release(&out);
	}
	return 0;
}
