/*
 * A libFuzzer target for amendments as they are kept in the repository
 * (src/amendments.c: each refs/redline/amendments/ID chain's first commit
 * holds the record "redline-amendment 1" of src/engine/amend.c, and each
 * later commit's message is an event). The input is cut at 0xFF bytes:
 * the record; then a draft to make it in (else a small built-in one); then
 * event messages. Checked: a record that reads writes back to a record
 * that reads the same (written again, byte for byte); the events come to a
 * state by the rules, never a crash; the draft with the amendment made is
 * valid UTF-8 and parses. tests/fuzz/replay-amend runs the saved corpus
 * (corpus-amend/) in every make check.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "amend.h"
#include "fuzzlib.h"
#include "parse.h"
#include "sbuf.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char draft[] = "A/C.1/79/L.43\n\nThe General Assembly,\n\nRecalling its resolution 70/46,\xC2\xB9\n\n"
			    "1. *Strongly urges* States to act;\n\n(a) now;\n\n2. Requests the Secretary-General to report;\n\n"
			    "3. Decides to remain seized.\n\n\xC2\xB9 See A/79/211.\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_part p[8];
	size_t np = fz_split(data, size, p, 8), i, bad;
	struct amendment a, b;
	struct amend_state st;
	struct amend_event ev;
	struct resolution r, made;
	struct rl_error err;
	struct sbuf w1 = SBUF_INIT, w2 = SBUF_INIT, out = SBUF_INIT;
	const char *dt = draft;
	size_t dlen = sizeof(draft) - 1;

	memset(&a, 0, sizeof(a));
	if (amend_record_read(p[0].s, p[0].len, &a, &err) != 0) {
		amendment_release(&a);
		return 0;
	}
	amend_record_write(&a, &w1);
	memset(&b, 0, sizeof(b));
	if (amend_record_read(w1.buf, w1.len, &b, &err) != 0)
		fz_fail("a record read writes back to one that does not read", w1.buf, w1.len);
	amend_record_write(&b, &w2);
	if (w1.len != w2.len || memcmp(w1.buf, w2.buf, w1.len) != 0)
		fz_fail("a record written, read and written again changes", w2.buf, w2.len);
	amendment_release(&b);

	/* the events, each a NUL-terminated message as git gives it */
	amend_state_init(&st, &a);
	for (i = 2; i < np; i++) {
		char *msg = malloc(p[i].len + 1);

		memcpy(msg, p[i].s, p[i].len);
		msg[p[i].len] = '\0';
		if (amend_event_parse(msg, &ev) == 0) {
			int allowed = amend_event_allowed(&st, &ev, &err) == 0;

			if ((amend_state_apply(&st, &ev) == 0) != allowed)
				fz_fail("an event applied against its rule", msg, p[i].len);
		}
		free(msg);
	}
	amend_state_release(&st);

	if (np > 1 && utf8_valid(p[1].s, p[1].len, &bad)) {
		dt = p[1].s;
		dlen = p[1].len;
	}
	resolution_init(&r);
	if (parse_resolution(dt, dlen, "draft", &r, &err) == 0 && amend_apply_text(dt, dlen, &r, &a, &out, &err) == 0) {
		if (!out.buf)
			sbuf_adds(&out, "");
		if (!utf8_valid(out.buf, out.len, &bad))
			fz_fail("the draft with the amendment made is not UTF-8", out.buf, out.len);
		resolution_init(&made);
		if (parse_resolution(out.buf, out.len, "made", &made, &err) != 0)
			fz_fail("the draft with the amendment made does not parse", out.buf, out.len);
		resolution_release(&made);
	}
	resolution_release(&r);
	amendment_release(&a);
	sbuf_release(&w1);
	sbuf_release(&w2);
	sbuf_release(&out);
	return 0;
}
