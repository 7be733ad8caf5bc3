/*
 * docxtext [--original] FILE: the normal form the Word reader makes of
 * FILE, on standard output; errors as redline prints them, exit 2. For
 * the tests' golden files and for looking at a document by hand.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "docx.h"
#include "sbuf.h"
#include "util.h"

int
main(int argc, char **argv)
{
	struct sbuf out = SBUF_INIT;
	struct rl_error err;
	int original = 0, rc = 0;

	if (argc > 1 && strcmp(argv[1], "--original") == 0) {
		original = 1;
		argv++;
		argc--;
	}
	if (argc != 2) {
		fputs("usage: docxtext [--original] FILE\n", stderr);
		return 2;
	}
	if (docx_read(argv[1], original, &out, &err) < 0) {
		fprintf(stderr, "redline: %s\n", err.msg);
		rc = 2;
	} else if (fwrite(out.buf ? out.buf : "", 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
		rc = 2;
	}
	sbuf_release(&out);
	return rc;
}
