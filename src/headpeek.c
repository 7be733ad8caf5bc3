/*
 * headpeek: HEAD of a plain repository read from its files (headpeek.h).
 */
#include "config.h"
#include "headpeek.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sbuf.h"
#include "util.h"

/* What a ref file may hold: HEAD's "ref: NAME" or an id, one line. */
#define REF_FILE_MAX 512
/* packed-refs past this is read by libgit2, not here */
#define PACKED_REFS_MAX (4 << 20)

/* The variables with which libgit2 places and reads a repository
 * (GIT_REPOSITORY_OPEN_FROM_ENV): any of them set is left to it. Those
 * that only bound the search upward (GIT_CEILING_DIRECTORIES,
 * GIT_DISCOVERY_ACROSS_FILESYSTEM) do not matter here, which never
 * searches. */
static int
git_environment(void)
{
	static const char *const names[] = {
		"GIT_DIR", "GIT_COMMON_DIR", "GIT_WORK_TREE", "GIT_NAMESPACE", "GIT_OBJECT_DIRECTORY",
		"GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_INDEX_FILE",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (getenv(names[i]))
			return 1;
	return 0;
}

/* A whole small file into out (NUL-ended): 0, else -1. */
static int
read_small(const char *file, size_t max, struct sbuf *out)
{
	char buf[4096];
	ssize_t r;
	int fd = open(file, O_RDONLY | O_NOFOLLOW), rc = -1;

	sbuf_reset(out);
	if (fd < 0)
		return -1;
	while ((r = read(fd, buf, sizeof(buf))) > 0) {
		if (out->len + (size_t)r > max)
			goto out;
		sbuf_add(out, buf, (size_t)r);
	}
	rc = r == 0 ? 0 : -1;
out:
	close(fd);
	return rc;
}

/* s is exactly a commit id of the length store.h holds, then a newline. */
static int
is_id_line(const char *s, size_t len)
{
	size_t i;

	if (len != STORE_OID_HEX || s[STORE_OID_HEX - 1] != '\n')
		return 0;
	for (i = 0; i + 1 < STORE_OID_HEX; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* A ref name as git writes under refs/: no way out of the directory. */
static int
plain_ref_name(const char *name, size_t len)
{
	size_t i;

	if (len < 6 || strncmp(name, "refs/", 5) != 0)
		return 0;
	for (i = 0; i < len; i++)
		if ((unsigned char)name[i] <= ' ' || name[i] == '\\' || name[i] == ':' || name[i] == 0x7f)
			return 0;
	return !strstr(name, "..") && !strstr(name, "//") && name[len - 1] != '/';
}

/* The id ref NAME holds in packed-refs: 0, else -1. */
static int
packed_ref(const char *git_dir, const char *name, char head[STORE_OID_HEX], struct sbuf *scratch)
{
	struct sbuf file = SBUF_INIT;
	size_t n = strlen(name);
	const char *p, *end;
	int rc = -1;

	sbuf_printf(&file, "%spacked-refs", git_dir);
	if (read_small(file.buf, PACKED_REFS_MAX, scratch) < 0)
		goto out;
	for (p = scratch->buf, end = p + scratch->len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);

		/* "ID NAME"; comments and peeled lines ("^ID") are not refs */
		if (len == STORE_OID_HEX + n && p[STORE_OID_HEX - 1] == ' ' &&
		    memcmp(p + STORE_OID_HEX, name, n) == 0) {
			char line[STORE_OID_HEX];

			memcpy(line, p, STORE_OID_HEX - 1);
			line[STORE_OID_HEX - 1] = '\n';
			if (is_id_line(line, STORE_OID_HEX)) {
				memcpy(head, p, STORE_OID_HEX - 1);
				head[STORE_OID_HEX - 1] = '\0';
				rc = 0;
			}
			goto out;
		}
		p += len + 1;
	}
out:
	sbuf_release(&file);
	return rc;
}

/* Owned by this user, as libgit2's safe.directory check asks. */
static int
ours(const char *path)
{
	struct stat sb;

	return lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode) && sb.st_uid == geteuid();
}

/* The git directory dir is (bare) or holds (.git), plain: 0, else -1. */
static int
find_git_dir(const char *dir, struct sbuf *git_dir)
{
	struct sbuf p = SBUF_INIT;
	struct stat sb;
	char *abs = realpath(dir, NULL);
	int rc = -1;

	if (!abs || !ours(abs))
		goto out;
	sbuf_printf(&p, "%s/.git", abs);
	if (lstat(p.buf, &sb) == 0) {
		/* a .git file is a worktree's or a submodule's */
		if (!S_ISDIR(sb.st_mode) || !ours(p.buf))
			goto out;
		sbuf_printf(git_dir, "%s/", p.buf);
	} else {
		sbuf_printf(git_dir, "%s/", abs);
		sbuf_reset(&p);
		sbuf_printf(&p, "%sobjects", git_dir->buf);
		if (stat(p.buf, &sb) < 0 || !S_ISDIR(sb.st_mode))
			goto out;
	}
	/* a linked worktree's git directory points at a common one */
	sbuf_reset(&p);
	sbuf_printf(&p, "%scommondir", git_dir->buf);
	rc = lstat(p.buf, &sb) == 0 ? -1 : 0;
out:
	free(abs);
	sbuf_release(&p);
	return rc;
}

/* The id the ref NAME holds, loose or packed: 0, else -1 (unborn, or a
 * symbolic ref, or not an id). */
static int
ref_id(const char *git_dir, const char *name, char head[STORE_OID_HEX])
{
	struct sbuf file = SBUF_INIT, text = SBUF_INIT;
	int rc = -1;

	if (!plain_ref_name(name, strlen(name)))
		goto out;
	sbuf_printf(&file, "%s%s", git_dir, name);
	if (read_small(file.buf, REF_FILE_MAX, &text) < 0) {
		rc = packed_ref(git_dir, name, head, &text);
		goto out;
	}
	if (!is_id_line(text.buf, text.len))
		goto out;
	memcpy(head, text.buf, STORE_OID_HEX - 1);
	head[STORE_OID_HEX - 1] = '\0';
	rc = 0;
out:
	sbuf_release(&file);
	sbuf_release(&text);
	return rc;
}

int
head_peek(const char *dir, char **git_dir_out, char head[STORE_OID_HEX])
{
	struct sbuf git_dir = SBUF_INIT, file = SBUF_INIT, text = SBUF_INIT;
	int rc = -1;

	*git_dir_out = NULL;
	if (git_environment() || find_git_dir(dir ? dir : ".", &git_dir) < 0)
		goto out;
	sbuf_printf(&file, "%sHEAD", git_dir.buf);
	if (read_small(file.buf, REF_FILE_MAX, &text) < 0)
		goto out;
	if (is_id_line(text.buf, text.len)) {
		/* detached */
		memcpy(head, text.buf, STORE_OID_HEX - 1);
		head[STORE_OID_HEX - 1] = '\0';
	} else {
		if (text.len < 6 || strncmp(text.buf, "ref: ", 5) != 0 || text.buf[text.len - 1] != '\n')
			goto out;
		text.buf[text.len - 1] = '\0';
		if (ref_id(git_dir.buf, text.buf + 5, head) < 0)
			goto out;
	}
	*git_dir_out = sbuf_detach(&git_dir);
	rc = 0;
out:
	sbuf_release(&git_dir);
	sbuf_release(&file);
	sbuf_release(&text);
	return rc;
}
