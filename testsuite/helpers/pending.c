/*
 * pending SIG... -- CMD [ARG...]: exec CMD with each SIG blocked and already pending, as
 * if it arrived before CMD could set anything up. Blocked, pending signals survive exec.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	sigset_t set;
	int i;

	sigemptyset(&set);
	for (i = 1; i < argc && strcmp(argv[i], "--"); i++)
		sigaddset(&set, atoi(argv[i]));
	if (i + 1 >= argc) {
		fprintf(stderr, "usage: pending SIG... -- CMD\n");
		return 2;
	}
	sigprocmask(SIG_BLOCK, &set, 0);
	for (int j = 1; j < i; j++)
		kill(getpid(), atoi(argv[j]));
	execvp(argv[i + 1], argv + i + 1);
	perror(argv[i + 1]);
	return 127;
}
