/*
 * check_headpeek: HEAD read from a repository's files without libgit2
 * agrees with git wherever it answers, and leaves every other case to
 * libgit2 (-1), never a guess.
 */
#include "config.h"

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "headpeek.h"
#include "sbuf.h"
#include "util.h"

static char top[4096];

static void run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
run(const char *fmt, ...)
{
	struct sbuf cmd = SBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sbuf_vprintf(&cmd, fmt, ap);
	va_end(ap);
	ck_assert_msg(system(cmd.buf) == 0, "%s", cmd.buf);
	sbuf_release(&cmd);
}

/* What git says HEAD is in dir. */
static void
git_head(const char *dir, char out[STORE_OID_HEX])
{
	struct sbuf cmd = SBUF_INIT;
	FILE *p;

	sbuf_printf(&cmd, "git -C '%s' rev-parse HEAD", dir);
	p = popen(cmd.buf, "r");
	sbuf_release(&cmd);
	ck_assert(p != NULL);
	ck_assert(fgets(out, STORE_OID_HEX, p) != NULL);
	pclose(p);
	out[strcspn(out, "\n")] = '\0';
}

static void
expect(const char *dir, const char *git_dir_tail)
{
	char head[STORE_OID_HEX], want[STORE_OID_HEX], *git_dir = NULL, *abs;
	struct sbuf w = SBUF_INIT;

	ck_assert_msg(head_peek(dir, &git_dir, head) == 0, "no answer in %s", dir);
	git_head(dir, want);
	ck_assert_str_eq(head, want);
	abs = realpath(dir, NULL);
	sbuf_printf(&w, "%s%s", abs, git_dir_tail);
	ck_assert_str_eq(git_dir, w.buf);
	free(abs);
	free(git_dir);
	sbuf_release(&w);
}

static void
expect_none(const char *dir, const char *why)
{
	char head[STORE_OID_HEX], *git_dir = (char *)"unset";

	ck_assert_msg(head_peek(dir, &git_dir, head) == -1, "%s: answered", why);
	ck_assert_msg(git_dir == NULL, "%s: a git directory handed out", why);
}

static void
setup(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(top, sizeof(top), "%s/headpeek.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	ck_assert(mkdtemp(top) != NULL);
	run("cd '%s' && git init -q -b main w && cd w && git -c user.name=t -c user.email=t@t commit -q "
	    "--allow-empty -m one && git -c user.name=t -c user.email=t@t commit -q --allow-empty -m two", top);
}

static void
teardown(void)
{
	run("chmod -R u+rwX '%s' 2>/dev/null; rm -rf '%s'", top, top);
}

static const char *
in(const char *sub)
{
	static char path[8192];

	snprintf(path, sizeof(path), "%s/%s", top, sub);
	return path;
}

START_TEST(test_answers_as_git)
{
	expect(in("w"), "/.git/");
	/* the ref packed: read from packed-refs */
	run("git -C '%s/w' pack-refs --all", top);
	ck_assert(access(in("w/.git/refs/heads/main"), F_OK) != 0);
	expect(in("w"), "/.git/");
	/* detached */
	run("git -C '%s/w' checkout -q --detach HEAD~1", top);
	expect(in("w"), "/.git/");
	/* a bare repository is its own git directory */
	run("git clone -q --bare '%s/w' '%s/b.git'", top, top);
	expect(in("b.git"), "/");
}
END_TEST

START_TEST(test_leaves_the_rest_to_libgit2)
{
	FILE *f;

	/* from below the top of a work tree: libgit2 searches upward */
	run("mkdir '%s/w/sub'", top);
	expect_none(in("w/sub"), "a subdirectory");
	/* a linked worktree has a .git file */
	run("git -C '%s/w' worktree add -q '%s/wt' HEAD", top, top);
	expect_none(in("wt"), "a worktree");
	/* the environment places repositories */
	setenv("GIT_DIR", in("w/.git"), 1);
	expect_none(in("w"), "GIT_DIR set");
	unsetenv("GIT_DIR");
	/* but not those that only bound a search upward, which is not made */
	setenv("GIT_CEILING_DIRECTORIES", top, 1);
	expect(in("w"), "/.git/");
	unsetenv("GIT_CEILING_DIRECTORIES");
	/* no repository */
	run("mkdir '%s/plain'", top);
	expect_none(in("plain"), "no repository");
	/* unborn: no commit yet */
	run("git init -q '%s/u'", top);
	expect_none(in("u"), "unborn");
	/* a HEAD that names a ref out of refs/, or is not a ref */
	f = fopen(in("w/.git/HEAD"), "w");
	ck_assert(f != NULL);
	fputs("ref: refs/heads/../../config\n", f);
	fclose(f);
	expect_none(in("w"), "HEAD leaving refs/");
	f = fopen(in("w/.git/HEAD"), "w");
	ck_assert(f != NULL);
	fputs("garbage\n", f);
	fclose(f);
	expect_none(in("w"), "HEAD garbage");
	/* a ref that is not a whole id */
	f = fopen(in("w/.git/HEAD"), "w");
	ck_assert(f != NULL);
	fputs("ref: refs/heads/main\n", f);
	fclose(f);
	f = fopen(in("w/.git/refs/heads/main"), "w");
	ck_assert(f != NULL);
	fputs("0123abc\n", f);
	fclose(f);
	expect_none(in("w"), "a short id");
	/* SHA-256 ids are longer than store.h's: libgit2's to refuse or read */
	if (system("cd \"$TMPDIR\" 2>/dev/null || cd /tmp; git init -q --object-format=sha256 hp-sha256-probe.$$ "
		   ">/dev/null 2>&1 && rm -rf hp-sha256-probe.$$") == 0) {
		run("git init -q --object-format=sha256 '%s/s' && git -C '%s/s' -c user.name=t -c user.email=t@t "
		    "commit -q --allow-empty -m one", top, top);
		expect_none(in("s"), "SHA-256");
	}
	/* another user's repository: libgit2's safe.directory check decides */
	if (geteuid() == 0) {
		run("chown -R 4242 '%s/w'", top);
		expect_none(in("w"), "another user's");
		run("chown -R 0 '%s/w'", top);
	}
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("headpeek");
	TCase *tc = tcase_create("headpeek");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_answers_as_git);
	tcase_add_test(tc, test_leaves_the_rest_to_libgit2);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
