/*
 * sigsetup [-b SIG] [-i SIG] [-c SIG] [-t SIG] [-p SIG] [-r FIFO]: set up a known signal
 * state, say "ready" (to FIFO, or stdout) and wait, doing nothing, until killed (SIGKILL).
 *   -b SIG  block SIG (raw rt_sigprocmask: 32 and 33 too)
 *   -i SIG  ignore SIG (SIG_IGN)
 *   -c SIG  catch SIG (a handler that does nothing)
 *   -t SIG  make SIG pending for this thread (tgkill; block it too, or it is delivered)
 *   -p SIG  make SIG pending for the process (kill; block it too)
 * Every option repeats; SIG is a number. For checking what sigstate decodes.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static void nothing(int sig) { (void)sig; }

int main(int argc, char **argv)
{
	uint64_t block = 0;
	const char *fifo = 0;
	int c, pend_t[65] = { 0 }, pend_p[65] = { 0 }, sig;

	while ((c = getopt(argc, argv, "b:i:c:t:p:r:")) != -1) {
		sig = c == 'r' ? 0 : atoi(optarg);
		if (c != 'r' && (sig < 1 || sig > 64))
			return 2;
		switch (c) {
		case 'b': block |= (uint64_t)1 << (sig - 1); break;
		case 'i': signal(sig, SIG_IGN); break;
		case 'c': signal(sig, nothing); break;
		case 't': pend_t[sig] = 1; break;
		case 'p': pend_p[sig] = 1; break;
		case 'r': fifo = optarg; break;
		default: return 2;
		}
	}
	if (syscall(SYS_rt_sigprocmask, SIG_BLOCK, &block, 0, sizeof(block)) < 0) {
		perror("rt_sigprocmask");
		return 1;
	}
	for (sig = 1; sig <= 64; sig++) {
		if (pend_t[sig])
			syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), sig);
		if (pend_p[sig])
			kill(getpid(), sig);
	}
	if (fifo) {
		int fd = open(fifo, O_WRONLY);
		if (fd < 0 || write(fd, "ready\n", 6) != 6)
			return 1;
		close(fd);
	} else if (write(1, "ready\n", 6) != 6) {
		return 1;
	}
	for (;;)
		pause();
}
