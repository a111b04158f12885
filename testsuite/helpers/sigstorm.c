/*
 * sigstorm PID NSTD NRT: throw NSTD standard signals of mixed kinds (those an init
 * forwards, the fault signals sent with kill() and CHLD among them; not 32 and 33, which
 * a glibc child cannot catch) and NRT real-time
 * signals 34..63, interleaved, at PID; then RTMAX (64) as the sentinel. A real-time signal
 * refused for a full queue (EAGAIN) is retried, so that every one counted was queued.
 * Prints "SIG COUNT" for each real-time signal queued, then "std N", to stdout.
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

static int send(pid_t pid, int sig)
{
	while (kill(pid, sig) < 0) {
		if (errno != EAGAIN)
			return -1;
		sched_yield();
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const int std[] = { SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM,
		SIGTERM, SIGCONT, SIGWINCH, SIGURG, SIGCHLD, SIGSEGV, SIGBUS, SIGFPE, SIGILL,
		SIGTRAP, SIGSYS, SIGABRT, SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF, SIGIO, SIGPWR,
		SIGSTKFLT };
	long nstd, nrt, i, s = 0, r = 0;
	long rt[65] = { 0 };
	pid_t pid;

	if (argc < 4)
		return 2;
	pid = atoi(argv[1]);
	nstd = atol(argv[2]);
	nrt = atol(argv[3]);
	for (i = 0; s < nstd || r < nrt; i++) {
		if (s < nstd && (r >= nrt || i % 11)) {
			if (send(pid, std[s % (long)(sizeof(std) / sizeof(std[0]))]) < 0)
				return perror("kill"), 1;
			s++;
		} else {
			int sig = 34 + (int)(r % 30);
			if (send(pid, sig) < 0)
				return perror("kill"), 1;
			rt[sig]++;
			r++;
		}
	}
	if (send(pid, 64) < 0)
		return perror("kill"), 1;
	for (i = 34; i < 64; i++)
		if (rt[i])
			printf("%ld %ld\n", i, rt[i]);
	printf("std %ld\n", s);
	return 0;
}
