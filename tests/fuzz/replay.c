/*
 * Runs the fuzz target on files, without libFuzzer: the saved corpus and
 * the inputs that once crashed stay tested in every build (make check).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "input.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char **argv)
{
	struct rl_error err;
	int i, n = 0;

	for (i = 1; i < argc; i++) {
		char *buf;
		size_t len;

		if (read_file(argv[i], &buf, &len, &err) < 0) {
			fprintf(stderr, "replay: %s\n", err.msg);
			return 1;
		}
		LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
		free(buf);
		n++;
	}
	printf("replay: %d inputs\n", n);
	return 0;
}
