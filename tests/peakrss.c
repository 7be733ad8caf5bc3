/*
 * peakrss COMMAND [ARGS...]: run COMMAND with its standard streams, wait,
 * and print its peak resident memory in KB (getrusage of the child) on a
 * line of its own to standard error; exit with the command's status.
 * Used by tests/bounded.sh to show memory growing linearly with the input,
 * where /usr/bin/time may be absent.
 */
#include "config.h"

#include <stdio.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct rusage ru;
	pid_t pid;
	int status;

	if (argc < 2) {
		fputs("usage: peakrss COMMAND [ARGS...]\n", stderr);
		return 2;
	}
	pid = fork();
	if (pid < 0) {
		perror("peakrss: fork");
		return 2;
	}
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		perror("peakrss: exec");
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0 || getrusage(RUSAGE_CHILDREN, &ru) < 0) {
		perror("peakrss: wait");
		return 2;
	}
	fprintf(stderr, "peakrss %ld\n", ru.ru_maxrss);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
