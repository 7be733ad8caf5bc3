#include "config.h"
#include "pager.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "restrict.h"

static pid_t pager_pid = -1;
static int pager_reaped;	/* it exited before we closed its input */
static int saved_stderr = -1;	/* the terminal, when stderr was sent to the pager */

static const int caught[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

char *
pager_command(const char *config_value, int have_config_value)
{
	const char *p = getenv("REDLINE_PAGER");

	/* restricted mode runs no program named by the account (a pager is a
	 * shell command): output goes to the terminal as it is */
	if (restricted())
		return NULL;
	if (!p && have_config_value)
		p = config_value ? config_value : "";
	if (!p)
		p = getenv("PAGER");
	if (!p)
		p = "less -FRX";
	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p || strcmp(p, "cat") == 0)
		return NULL;
	return xstrdup(p);
}

int
pager_active(void)
{
	return pager_pid > 0;
}

int
pager_gone(void)
{
	struct pollfd pfd;
	int status;

	if (pager_pid <= 0)
		return 0;
	if (pager_reaped)
		return 1;
	if (waitpid(pager_pid, &status, WNOHANG) == pager_pid) {
		pager_reaped = 1;
		return 1;
	}
	/* a pipe whose reader closed it polls as an error */
	pfd.fd = STDOUT_FILENO;
	pfd.events = POLLOUT;
	pfd.revents = 0;
	return poll(&pfd, 1, 0) == 1 && (pfd.revents & (POLLERR | POLLHUP));
}

static void
close_and_wait(void)
{
	int status;

	/* the pager sees the end of its input only when every copy of the
	 * pipe is closed: standard output, and standard error if it went there */
	close(STDOUT_FILENO);
	if (saved_stderr >= 0) {
		dup2(saved_stderr, STDERR_FILENO);
		close(saved_stderr);
		saved_stderr = -1;
	}
	while (pager_pid > 0 && !pager_reaped && waitpid(pager_pid, &status, 0) < 0 && errno == EINTR)
		;
	pager_pid = -1;
	pager_reaped = 0;
}

/* A signal that ends the program leaves the terminal to the pager until it exits. */
static void
on_signal(int sig)
{
	close_and_wait();
	signal(sig, SIG_DFL);
	raise(sig);
}

void
pager_finish(void)
{
	size_t i;

	if (pager_pid <= 0)
		return;
	fflush(stdout);
	fflush(stderr);
	close_and_wait();
	for (i = 0; i < sizeof(caught) / sizeof(caught[0]); i++)
		signal(caught[i], SIG_DFL);
}

int
pager_start(const char *cmd, struct rl_error *err)
{
	int fds[2];
	pid_t pid;
	size_t i;

	fflush(stdout);
	fflush(stderr);
	if (pipe(fds) < 0)
		return rl_fail(err, "cannot start the pager '%s': %s", cmd, strerror(errno));
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return rl_fail(err, "cannot start the pager '%s': %s", cmd, strerror(errno));
	}
	if (pid == 0) {
		dup2(fds[0], STDIN_FILENO);
		close(fds[0]);
		close(fds[1]);
		/* as git does: less quits on one screen, shows colours, keeps the screen */
		setenv("LESS", "FRX", 0);
		setenv("LV", "-c", 0);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	close(fds[0]);
	if (isatty(STDERR_FILENO)) {
		/* messages on the same terminal go through the pager too, in order */
		saved_stderr = dup(STDERR_FILENO);
		if (saved_stderr >= 0)
			fcntl(saved_stderr, F_SETFD, FD_CLOEXEC);
		dup2(fds[1], STDERR_FILENO);
	}
	dup2(fds[1], STDOUT_FILENO);
	close(fds[1]);
	pager_pid = pid;
	signal(SIGPIPE, SIG_IGN);
	for (i = 0; i < sizeof(caught) / sizeof(caught[0]); i++)
		signal(caught[i], on_signal);
	return 0;
}
