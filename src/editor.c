#include "config.h"
#include "editor.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "input.h"
#include "restrict.h"
#include "utf8.h"

int
editor_spawn(const char *cmd, const char *editor, const char *file, int close_fd)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		/* a caller ignoring C-c while the editor runs: an ignored signal
		 * would stay ignored across exec */
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		if (close_fd >= 0)
			close(close_fd);
		execl("/bin/sh", "sh", "-c", cmd, editor, file, (char *)NULL);
		_exit(127);
	}
	if (pid < 0)
		return -1;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}

static int
plain_run(void *arg, const char *cmd, const char *editor, const char *file)
{
	(void)arg;
	return editor_spawn(cmd, editor, file, -1);
}

int
editor_edit(const char *text, editor_run_fn *run, void *arg, char **out, struct sbuf *why)
{
	const char *editor = getenv("VISUAL");
	char tmpl[] = "/tmp/redline-edit-XXXXXX.txt";
	struct sbuf before = SBUF_INIT, cmd = SBUF_INIT;
	struct rl_error err;
	char *after = NULL;
	size_t len;
	int fd, status, rc = 1;

	*out = NULL;
	/* the interface refuses the actions that edit first (keys.h); this
	 * is the last line, should one ever reach here */
	if (restricted()) {
		sbuf_adds(why, "restricted: no editor is run");
		return -1;
	}
	if (!editor || !*editor)
		editor = getenv("EDITOR");
	if (!editor || !*editor) {
		sbuf_adds(why, "no editor: set VISUAL or EDITOR");
		return -1;
	}
	fd = mkstemps(tmpl, 4);
	if (fd < 0) {
		sbuf_printf(why, "cannot make a file to edit in: %s", strerror(errno));
		return -1;
	}
	sbuf_adds(&before, text);
	sbuf_addch(&before, '\n');
	if (write(fd, before.buf, before.len) != (ssize_t)before.len) {
		sbuf_printf(why, "cannot write '%s': %s", tmpl, strerror(errno));
		close(fd);
		rc = -1;
		goto out;
	}
	close(fd);
	/* as git runs it: through the shell, the file as its argument */
	sbuf_printf(&cmd, "%s \"$@\"", editor);
	status = (run ? run : plain_run)(arg, cmd.buf, editor, tmpl);
	if (status < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		sbuf_printf(why, "the editor failed (%s)", editor);
		goto out;
	}
	if (read_file(tmpl, &after, &len, &err) < 0) {
		sbuf_adds(why, err.msg);
		goto out;
	}
	if (len == before.len && memcmp(after, before.buf, len) == 0) {
		sbuf_adds(why, "the text was left unchanged");
		goto out;
	}
	if (!utf8_valid(after, len, NULL) || memchr(after, '\0', len)) {
		sbuf_adds(why, "the edited text is not UTF-8 text");
		goto out;
	}
	*out = after;
	after = NULL;
	rc = 0;
out:
	unlink(tmpl);
	free(after);
	sbuf_release(&before);
	sbuf_release(&cmd);
	return rc;
}
