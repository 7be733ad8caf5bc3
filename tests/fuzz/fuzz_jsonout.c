/*
 * A libFuzzer target for the JSON writer (src/jsonout.c, src/json.c): the
 * input is cut at 0xFF bytes into OLD, NEW (else a small built-in
 * resolution) and the names the sources are given; each side is written
 * as "redline-parse/1", the pair as "redline-diff/1" (in full and --stat),
 * and every document must be one strict JSON text (RFC 8259: UTF-8, every
 * control character escaped, surrogates paired), checked by fuzzlib's own
 * reader -- the project has no JSON reader to parse it back with.
 * tests/fuzz/replay-jsonout runs the saved corpus (corpus-jsonout/) in
 * every make check.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "fuzzlib.h"
#include "jsonout.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { PARSE, DIFF, STAT };

static void
write_checked(int kind, const struct resolution *r, const struct comparison *c, const char *name_a,
	      const char *name_b)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	const char *why;
	int rc;

	if (!f)
		return;
	rc = kind == PARSE ? jsonout_parse(f, r, name_a)
	   : kind == DIFF ? jsonout_diff(f, c, name_a, name_b) : jsonout_diff_stat(f, c, name_a, name_b);
	fclose(f);
	if (rc != 0)
		fz_fail("the JSON writer failed on a memory stream", buf, len);
	if ((why = fz_json_check(buf, len)) != NULL)
		fz_fail(why, buf, len);
	if (len == 0 || buf[0] != '{' || buf[len - 1] != '\n')
		fz_fail("not one object and a newline", buf, len);
	free(buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_part p[4], base = { fz_base_text, fz_base_len };
	size_t np = fz_split(data, size, p, 4);
	struct resolution a, b;
	struct comparison c;
	char *na = NULL, *nb = NULL;
	int ok_a, ok_b;

	/* the source names, as a file or revision named them: any bytes */
	if (np > 2) {
		na = strndup(p[2].s, p[2].len);
		nb = strndup(p[np - 1].s, p[np - 1].len);
	}
	ok_a = fz_parse(&p[0], "old", &a) == 0;
	ok_b = fz_parse(np > 1 ? &p[1] : &base, "new", &b) == 0;
	if (ok_a)
		write_checked(PARSE, &a, NULL, na ? na : "old.txt", NULL);
	if (ok_a && ok_b) {
		write_checked(PARSE, &b, NULL, nb ? nb : "new.txt", NULL);
		compare_resolutions(&a, &b, 0, &c);
		write_checked(DIFF, NULL, &c, na ? na : "old.txt", nb ? nb : "new.txt");
		write_checked(STAT, NULL, &c, na ? na : "old.txt", nb ? nb : "new.txt");
		comparison_release(&c);
	}
	resolution_release(&a);
	resolution_release(&b);
	free(na);
	free(nb);
	return 0;
}
