#include "config.h"
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>

#include "input.h"
#include "parse.h"
#include "util.h"

void
load_fixture(const char *rel, struct resolution *r)
{
	struct rl_error err;
	const char *srcdir = getenv("abs_top_srcdir");
	char path[4096];
	char *buf;
	size_t len;

	snprintf(path, sizeof(path), "%s/%s", srcdir ? srcdir : ".", rel);
	if (read_file(path, &buf, &len, &err) < 0) {
		fprintf(stderr, "%s\n", err.msg);
		abort();
	}
	resolution_init(r);
	if (parse_resolution(buf, len, rel, r, &err) < 0) {
		fprintf(stderr, "%s\n", err.msg);
		abort();
	}
	free(buf);
}
