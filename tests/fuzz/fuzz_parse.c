/*
 * A libFuzzer target: any bytes are parsed, compared with the reference
 * text both ways, and rendered; nothing may crash, hang or leak. Built by
 * hand with clang (see tests/fuzz/README); tests/fuzz/replay.c runs the
 * saved corpus in every make check.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "parse.h"
#include "render.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_pair(const struct resolution *a, const struct resolution *b)
{
	struct comparison c;
	struct render_opts o;
	struct rdoc d;

	compare_resolutions(a, b, 0, &c);
	memset(&o, 0, sizeof(o));
	o.width = 40;
	o.markers = 1;
	rdoc_init(&d);
	render_diff(&c, &o, &d);
	rdoc_release(&d);
	comparison_release(&c);
	compare_resolutions(a, b, IGNORE_TYPOGRAPHY, &c);
	comparison_release(&c);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char base[] = "79/53. Title\n\nThe General Assembly,\n\nRecalling its resolution 70/46,\xC2\xB9\n\n"
				   "\xC2\xB9 See A/79/211.\n\n1. *Strongly urges* States to act;\n\n(a) now;\n\n"
				   "2. Decides to remain seized.\n";
	struct resolution a, b;
	struct rl_error err;

	resolution_init(&a);
	resolution_init(&b);
	if (parse_resolution((const char *)data, size, "fuzz", &a, &err) == 0 &&
	    parse_resolution(base, sizeof(base) - 1, "base", &b, &err) == 0) {
		check_pair(&a, &b);
		check_pair(&b, &a);
		check_pair(&a, &a);
	}
	resolution_release(&a);
	resolution_release(&b);
	return 0;
}
