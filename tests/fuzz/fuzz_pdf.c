/*
 * A libFuzzer target for the PDF reader (src/pdf.c, through poppler-glib):
 * any bytes are read as a PDF in memory, and the normal form it gives
 * must be what pdf.h promises -- UTF-8, no control character but line
 * ends -- and parse. Poppler is loaded at the first read (dlopen) and is
 * not instrumented: the fuzzer steers by pdf.c's own branches.
 * tests/fuzz/replay-pdf runs the saved corpus (corpus-pdf/) in every
 * make check.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "fuzzlib.h"
#include "parse.h"
#include "pdf.h"
#include "sbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sbuf out = SBUF_INIT;
	struct resolution r;
	struct rl_error err;
	const char *why;

	if (pdf_read_mem((const char *)data, size, "fuzz.pdf", &out, &err) == 0) {
		if (!out.buf)
			sbuf_adds(&out, "");
		if ((why = fz_text_check(out.buf, out.len, "\n")) != NULL)
			fz_fail(why, out.buf, out.len);
		resolution_init(&r);
		if (parse_resolution(out.buf, out.len, "fuzz.pdf", &r, &err) != 0)
			fz_fail("the PDF's normal form does not parse", out.buf, out.len);
		resolution_release(&r);
	}
	sbuf_release(&out);
	return 0;
}
