/*
 * input: a document read whole from a named file or standard input, within
 * bounds, so that no input can make redline hang or run out of memory.
 *
 * Bounds: at most INPUT_MAX_BYTES (the repository's limit too); a FIFO that
 * no process opens for writing within INPUT_FIFO_WAIT_MS is refused instead
 * of waited on forever; a stream whose first block is text holding a NUL
 * byte (/dev/zero, /dev/urandom, a binary file) is not read further: that
 * block alone is returned, enough for the parser to name the line that is
 * binary. PDF, ZIP and UTF-16 files, whose bytes hold NULs, are read whole.
 *
 * Ownership: *out is malloc'd, NUL-terminated and owned by the caller.
 * Errors: -1 with err filled ("cannot open 'F': ...", "'F' is larger than
 * 64 MB; ..."), nothing printed.
 */
#ifndef REDLINE_INPUT_H
#define REDLINE_INPUT_H

#include <stddef.h>

#include "util.h"

#define INPUT_MAX_BYTES (64u * 1024 * 1024)
#define INPUT_MAX_MB (INPUT_MAX_BYTES / (1024 * 1024))
#define INPUT_FIFO_WAIT_MS 5000

/* Read a whole file (or standard input for "-") into a NUL-terminated buffer. */
int read_file(const char *path, char **out, size_t *len, struct rl_error *err);

/* The same with an explicit FIFO wait, for tests that do not want to wait. */
int read_file_waiting(const char *path, int fifo_wait_ms, char **out, size_t *len, struct rl_error *err);

#endif
