/*
 * pdftext FILE.pdf: the normal form the PDF reader (src/pdf.c) makes of a
 * PDF, on standard output; exit 2 with the reader's one-line error. A test
 * tool: the shell suite reads it to check what the reader writes, and a
 * developer reads it to see what redline sees in a PDF.
 */
#include "config.h"

#include <stdio.h>

#include "pdf.h"

int
main(int argc, char **argv)
{
	struct sbuf out = SBUF_INIT;
	struct rl_error err;

	if (argc != 2) {
		fputs("usage: pdftext FILE.pdf\n", stderr);
		return 2;
	}
	if (pdf_read(argv[1], &out, &err) < 0) {
		fprintf(stderr, "pdftext: %s\n", err.msg);
		return 2;
	}
	fwrite(out.buf, 1, out.len, stdout);
	sbuf_release(&out);
	return 0;
}
