/*
 * Restricted mode's pieces that need no program run: the system file's
 * word (a test's file stands in for $(sysconfdir)/redline/config, which a
 * test must not write), the environment, the configuration file chosen,
 * paths inside the repository, the SSH command's words and the
 * interface's table. Restricted mode is sticky for a process, so every
 * test runs in its own (CK_FORK, whatever the environment says).
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "keys.h"
#include "restrict.h"
#include "store.h"

static char dir[] = "/tmp/check_restrict-XXXXXX";

static const char *
write_file(const char *name, const char *text)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	return path;
}

START_TEST(test_system_file)
{
	struct rl_error err;
	char sub[256];

	unsetenv("REDLINE_RESTRICTED");
	/* absent, or silent on it: not restricted */
	snprintf(sub, sizeof(sub), "%s/none", dir);
	ck_assert_int_eq(restrict_from_system(sub, &err), 0);
	ck_assert_int_eq(restrict_from_system(write_file("other", "set pager less\n"), &err), 0);
	ck_assert_int_eq(restrict_from_system(write_file("no", "set restricted no\n"), &err), 0);
	ck_assert_int_eq(restricted(), 0);
	/* a value that is neither: stop, rather than guess */
	ck_assert_int_eq(restrict_from_system(write_file("bad", "set restricted maybe\n"), &err), -1);
	ck_assert(strstr(err.msg, "restricted is yes or no, not 'maybe'") != NULL);
	/* there but unreadable (a folder stands in: root reads any file) */
	snprintf(sub, sizeof(sub), "%s/folder", dir);
	ck_assert_int_eq(mkdir(sub, 0700), 0);
	ck_assert_int_eq(restrict_from_system(sub, &err), -1);
	ck_assert(strstr(err.msg, "restricted or not is unknown") != NULL);
	ck_assert_int_eq(restricted(), 0);
	/* the last line wins, as everywhere in the file */
	ck_assert_int_eq(restrict_from_system(write_file("yes", "set restricted no\nset restricted yes\n"), &err), 1);
	ck_assert_int_eq(restricted(), 1);
	/* and nothing turns it off again */
	ck_assert_int_eq(restrict_from_system(write_file("no2", "set restricted no\n"), &err), 0);
	ck_assert_int_eq(restricted(), 1);
}
END_TEST

START_TEST(test_environment)
{
	struct rl_error err;
	char none[256];

	snprintf(none, sizeof(none), "%s/none", dir);
	setenv("REDLINE_RESTRICTED", "0", 1);
	ck_assert_int_eq(restrict_from_system(none, &err), 0);
	setenv("REDLINE_RESTRICTED", "", 1);
	ck_assert_int_eq(restrict_from_system(none, &err), 0);
	ck_assert_int_eq(restricted(), 0);
	/* the system's yes is not undone by the account's 0 */
	ck_assert_int_eq(restrict_from_system(write_file("yes", "set restricted yes\n"), &err), 1);
	setenv("REDLINE_RESTRICTED", "1", 1);
	ck_assert_int_eq(restrict_from_system(none, &err), 1);
	ck_assert_int_eq(restricted(), 1);
}
END_TEST

START_TEST(test_git_environment_dropped)
{
	setenv("GIT_DIR", "/elsewhere", 1);
	setenv("GIT_WORK_TREE", "/elsewhere", 1);
	setenv("GIT_OBJECT_DIRECTORY", "/elsewhere", 1);
	setenv("GIT_SOMETHING_NEW", "x", 1);
	setenv("GITX", "kept", 1);
	restrict_enable();
	ck_assert_ptr_null(getenv("GIT_DIR"));
	ck_assert_ptr_null(getenv("GIT_WORK_TREE"));
	ck_assert_ptr_null(getenv("GIT_OBJECT_DIRECTORY"));
	ck_assert_ptr_null(getenv("GIT_SOMETHING_NEW"));
	ck_assert_str_eq(getenv("GITX"), "kept");
}
END_TEST

START_TEST(test_config_file)
{
	char *f;
	int must;

	setenv("REDLINE_CONFIG", "/somewhere/config", 1);
	setenv("HOME", "/home/r", 1);
	f = restrict_config_file(&must);
	ck_assert_str_eq(f, "/somewhere/config");
	ck_assert_int_eq(must, 1);
	free(f);
	unsetenv("REDLINE_CONFIG");
	f = restrict_config_file(&must);
	ck_assert_str_eq(f, "/home/r/.config/redline/config");
	ck_assert_int_eq(must, 0);
	free(f);
	/* restricted: the system's file, whatever the account says */
	setenv("REDLINE_CONFIG", "/somewhere/config", 1);
	restrict_enable();
	f = restrict_config_file(&must);
	ck_assert_str_eq(f, restrict_system_config);
	ck_assert(strstr(f, "/redline/config") != NULL && f[0] == '/');
	ck_assert_int_eq(must, 0);
	free(f);
}
END_TEST

START_TEST(test_paths)
{
	static const char *const bad[] = { "/etc/passwd", "../x", "a/../b", "a/..", "./a", "a//b", "a/", "", "..",
					   "a/./b", "a\x1b[2Jb" };
	static const char *const good[] = { "ied.txt", "fr/multilinguisme.txt", "a..b/c", ".hidden", "a/b...txt" };
	struct rl_error err;
	size_t i;

	/* outside restricted mode every path is the store's to judge */
	ck_assert_int_eq(restrict_check_path("../x", &err), 0);
	restrict_enable();
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(restrict_check_path(bad[i], &err) == -1, "'%s' accepted", bad[i]);
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		ck_assert_msg(restrict_check_path(good[i], &err) == 0, "'%s' refused: %s", good[i], err.msg);
	/* the message never carries a control character of the path */
	ck_assert_int_eq(restrict_check_path("a\x1b[2Jb", &err), -1);
	ck_assert_ptr_null(strchr(err.msg, '\x1b'));
}
END_TEST

static void
split_is(const char *cmd, const char *const *want, size_t nwant)
{
	struct rl_error err;
	char **w;
	size_t n, i;

	ck_assert_msg(restrict_split(cmd, &w, &n, &err) == 0, "'%s': %s", cmd, err.msg);
	ck_assert_uint_eq(n, nwant);
	for (i = 0; i < n; i++)
		ck_assert_str_eq(w[i], want[i]);
	ck_assert_ptr_null(w[n]);
	restrict_words_free(w);
}

static void
split_fails(const char *cmd, const char *msg)
{
	struct rl_error err;
	char **w;
	size_t n;

	ck_assert_msg(restrict_split(cmd, &w, &n, &err) == -1, "'%s' accepted", cmd);
	ck_assert_ptr_null(w);
	ck_assert_str_eq(err.msg, msg);
}

START_TEST(test_split)
{
	static const char *const log[] = { "redline", "log", "--", "ied.txt" };
	static const char *const phrase[] = { "redline", "agreed", "capacity-building and information" };
	static const char *const mixed[] = { "redline", "ab cd", "x\"y", "it's", "", "HEAD~1", "@{1}", "*?[]#!" };
	static const char *const esc[] = { "redline", "a b", "\\" };

	split_is("redline log -- ied.txt", log, 4);
	split_is("  redline\tlog  --   ied.txt  ", log, 4);
	split_is("redline agreed 'capacity-building and information'", phrase, 3);
	split_is("redline agreed \"capacity-building and information\"", phrase, 3);
	split_is("redline agreed capacity-building\\ and\\ information", phrase, 3);
	split_is("redline a'b c'd \"x\\\"y\" it\\'s '' HEAD~1 @{1} *?[]#!", mixed, 8);
	split_is("redline a\\ b '\\'", esc, 3);
	split_is("", NULL, 0);
	split_fails("redline log; rm -rf /", "restricted: ';' is shell syntax; the SSH command runs without a shell");
	split_fails("redline log && id", "restricted: '&' is shell syntax; the SSH command runs without a shell");
	split_fails("redline log | sh", "restricted: '|' is shell syntax; the SSH command runs without a shell");
	split_fails("redline log >x", "restricted: '>' is shell syntax; the SSH command runs without a shell");
	split_fails("redline parse <x", "restricted: '<' is shell syntax; the SSH command runs without a shell");
	split_fails("redline `id`", "restricted: '`' is shell syntax; the SSH command runs without a shell");
	split_fails("redline $(id)", "restricted: '$' is shell syntax; the SSH command runs without a shell");
	split_fails("redline \"$HOME\"", "restricted: '$' is shell syntax; the SSH command runs without a shell");
	split_fails("redline (id)", "restricted: '(' is shell syntax; the SSH command runs without a shell");
	split_fails("redline log\nid", "restricted: the SSH command holds a control character; it runs without a shell");
	split_fails("redline 'log", "restricted: a quote is not closed in the SSH command");
	split_fails("redline \"log", "restricted: a quote is not closed in the SSH command");
	split_fails("redline log\\", "restricted: '\\' is shell syntax; the SSH command runs without a shell");
}
END_TEST

/* Every action of the interface that writes, edits or exports is guarded
 * in its row; the table is the only place that says so. */
START_TEST(test_interface_table)
{
	int r;

	for (r = 1; r < REQ_COUNT; r++) {
		const char *name = request_name((enum request)r);
		int writes = (strncmp(name, "amend-", 6) == 0) || strcmp(name, "para-status") == 0 ||
			     strcmp(name, "export") == 0;

		ck_assert_msg((request_guard((enum request)r) != GUARD_NONE) == writes, "%s", name);
	}
	ck_assert_int_eq(request_guard(REQ_AMEND_PROPOSE), GUARD_RUNS_EDITOR);
	ck_assert_int_eq(request_guard(REQ_EXPORT), GUARD_WRITES_FILE);
	ck_assert_int_eq(request_guard(REQ_AMEND_ACCEPT), GUARD_WRITES_REPO);
	ck_assert_int_eq(request_guard(REQ_AMENDMENTS), GUARD_NONE);
}
END_TEST

/* The store's writers are the last line: should a command or a key ever
 * miss its table's verdict, no object or ref is written all the same. */
START_TEST(test_store_writes_refused)
{
	struct store_who who = { "T", "t@e", 1700000000, 0 };
	struct store *st;
	struct rl_error err;
	char repo[256], cmd[300], id[STORE_OID_HEX];
	char **names = NULL;
	size_t n = 0;

	snprintf(repo, sizeof(repo), "%s/repo", dir);
	snprintf(cmd, sizeof(cmd), "git init -q '%s' 2>/dev/null", repo);
	if (system(cmd) != 0)
		return;	/* no git: the command-line suites cover the rest */
	ck_assert_int_eq(store_open(&st, repo, &err), 0);
	/* unrestricted, the same call writes (the check below means something) */
	ck_assert_int_eq(store_chain_start(st, "refs/redline/test/", "record", "x", 1, "m", &who, id, &err), 0);
	restrict_enable();
	ck_assert_int_eq(store_chain_start(st, "refs/redline/test/", "record", "y", 1, "m", &who, id, &err), -1);
	ck_assert_str_eq(err.msg, "restricted: nothing is written to the repository");
	ck_assert_int_eq(store_chain_append(st, "refs/redline/test/x", NULL, "m", &who, id, &err), -1);
	ck_assert_str_eq(err.msg, "restricted: nothing is written to the repository");
	ck_assert_int_eq(store_refs_under(st, "refs/redline/test/", &names, &n, &err), 0);
	ck_assert_uint_eq(n, 1);
	while (n > 0)
		free(names[--n]);
	free(names);
	store_close(st);
}
END_TEST

static Suite *
restrict_suite(void)
{
	Suite *s = suite_create("restrict");
	TCase *tc = tcase_create("restrict");

	tcase_add_test(tc, test_system_file);
	tcase_add_test(tc, test_environment);
	tcase_add_test(tc, test_git_environment_dropped);
	tcase_add_test(tc, test_config_file);
	tcase_add_test(tc, test_paths);
	tcase_add_test(tc, test_split);
	tcase_add_test(tc, test_interface_table);
	tcase_add_test(tc, test_store_writes_refused);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;
	char cmd[64];

	if (!mkdtemp(dir))
		return EXIT_FAILURE;
	sr = srunner_create(restrict_suite());
	/* restricted mode is for the life of a process: one per test */
	srunner_set_fork_status(sr, CK_FORK);
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		failed++;
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
