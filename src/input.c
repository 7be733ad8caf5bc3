#include "config.h"
#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define BLOCK 65536

static int
too_large(const char *name, struct rl_error *err)
{
	return rl_fail(err, "'%s' is larger than %u MB; refused (a resolution is well under 1 MB)", name,
		       INPUT_MAX_MB);
}

/* Open path for reading without blocking on a FIFO that has no writer, and
 * wait at most wait_ms for one to come; then reads block as usual. */
static int
open_bounded(const char *path, int wait_ms, size_t *size_hint, struct rl_error *err)
{
	struct stat st;
	struct pollfd p;
	int fd, r, flags;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return rl_fail(err, "cannot open '%s': %s", path, strerror(errno));
	if (fstat(fd, &st) < 0) {
		rl_fail(err, "cannot read '%s': %s", path, strerror(errno));
		goto fail;
	}
	if (S_ISDIR(st.st_mode)) {
		rl_fail(err, "cannot read '%s': %s", path, strerror(EISDIR));
		goto fail;
	}
	/* a regular file too large is refused unread; one within bounds gets
	 * its buffer allocated once, at its size */
	if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > INPUT_MAX_BYTES) {
		too_large(path, err);
		goto fail;
	}
	if (S_ISREG(st.st_mode) && st.st_size > 0)
		*size_hint = (size_t)st.st_size;
	if (S_ISFIFO(st.st_mode)) {
		p.fd = fd;
		p.events = POLLIN;
		p.revents = 0;
		do
			r = poll(&p, 1, wait_ms);
		while (r < 0 && errno == EINTR);
		if (r == 0) {
			rl_fail(err, "'%s' is a FIFO that nothing wrote to in %d s; start its writer first", path,
				(wait_ms + 999) / 1000);
			goto fail;
		}
	}
	flags = fcntl(fd, F_GETFL);
	if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0) {
		rl_fail(err, "cannot read '%s': %s", path, strerror(errno));
		goto fail;
	}
	return fd;
fail:
	close(fd);
	return -1;
}

/* Whether the first block is text with a NUL in it: a stream not worth
 * reading further (the parser names the binary line). Signatures of the
 * formats whose bytes hold NULs are let through to their readers. */
static int
binary_stream(const char *buf, size_t n)
{
	return memchr(buf, '\0', n) && file_kind(buf, n) == FILE_TEXT;
}

/*
 * A long text's buffer asks for transparent huge pages where the kernel
 * gives them on request (Linux, madvise mode): read() then fills it a
 * 2 MB page at a time instead of faulting in 4 KB pages one by one, each
 * fault dear (dearer still under a hypervisor), and the parser's first pass
 * over it finds its pages mapped. Only whole huge pages inside the buffer
 * are asked for, so no memory beyond it is made resident.
 */
#define HUGE_PAGE ((size_t)2 << 20)

static void
advise_huge(char *buf, size_t size)
{
#ifdef MADV_HUGEPAGE
	uintptr_t from = ((uintptr_t)buf + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
	uintptr_t to = ((uintptr_t)buf + size) & ~(uintptr_t)(HUGE_PAGE - 1);

	/* advice only: a kernel without it, or that refuses, reads as before */
	if (from < to)
		(void)madvise((void *)from, to - from, MADV_HUGEPAGE);
#else
	(void)buf;
	(void)size;
#endif
}

int
read_file_waiting(const char *path, int fifo_wait_ms, char **out, size_t *len, struct rl_error *err)
{
	const char *name = strcmp(path, "-") == 0 ? "standard input" : path;
	char *buf = NULL;
	size_t n = 0, cap = 0, hint = 0, want;
	ssize_t got;
	int fd, rc = -1, first = 1;

	fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open_bounded(path, fifo_wait_ms, &hint, err);
	if (fd < 0)
		return -1;
	if (hint) {
		cap = hint + 2;
		buf = xmalloc(cap);
		advise_huge(buf, cap);
	}
	for (;;) {
		/* one byte past the limit tells a file of exactly the limit from a larger one */
		if (n > INPUT_MAX_BYTES) {
			too_large(name, err);
			goto out;
		}
		if (cap - n < 2)
			GROW(buf, cap, n + BLOCK + 1);
		want = cap - n - 1;
		if (want > INPUT_MAX_BYTES + 1 - n)
			want = INPUT_MAX_BYTES + 1 - n;
		got = read(fd, buf + n, want);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			rl_fail(err, "cannot read '%s': %s", name, strerror(errno));
			goto out;
		}
		if (got == 0)
			break;
		n += (size_t)got;
		if (first && n >= BLOCK) {
			first = 0;
			if (binary_stream(buf, n))
				break;
		}
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	buf = NULL;
	rc = 0;
out:
	free(buf);
	if (fd != STDIN_FILENO)
		close(fd);
	return rc;
}

int
read_file(const char *path, char **out, size_t *len, struct rl_error *err)
{
	return read_file_waiting(path, INPUT_FIFO_WAIT_MS, out, len, err);
}
