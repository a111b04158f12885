/*
 * withsigs [-D] [-b SIG]... [-i SIG]... -- CMD [ARG...]: exec CMD with each -b SIG blocked and
 * each -i SIG ignored (SIG_IGN), 32..34 included (raw syscalls: glibc refuses 32 and 33).
 * -D first: every signal unblocked and at SIG_DFL, whatever the caller left (a shell's
 * background job inherits ignored signals that no shell can un-ignore).
 * sigstate PID-style checks then read SigBlk/SigIgn in /proc/PID/status.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

struct ksigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	uint64_t mask;
};

int main(int argc, char **argv)
{
	uint64_t block = 0;
	int c;

	while ((c = getopt(argc, argv, "+Db:i:")) != -1) {
		int sig = c == 'D' ? 0 : atoi(optarg);
		struct ksigaction ign = { SIG_IGN, 0, 0, 0 }, dfl = { SIG_DFL, 0, 0, 0 };
		uint64_t none = 0;
		if (c == 'D') {
			for (sig = 1; sig <= 64; sig++)
				if (sig != SIGKILL && sig != SIGSTOP)
					syscall(SYS_rt_sigaction, sig, &dfl, 0, 8);
			syscall(SYS_rt_sigprocmask, SIG_SETMASK, &none, 0, 8);
			continue;
		}
		if (sig < 1 || sig > 64)
			return 2;
		if (c == 'b') {
			block |= 1ULL << (sig - 1);
		} else if (c == 'i') {
			if (syscall(SYS_rt_sigaction, sig, &ign, 0, 8) < 0)
				return perror("rt_sigaction"), 1;
		} else {
			return 2;
		}
	}
	if (optind >= argc)
		return fprintf(stderr, "usage: withsigs [-b SIG] [-i SIG] -- CMD\n"), 2;
	if (syscall(SYS_rt_sigprocmask, SIG_BLOCK, &block, 0, 8) < 0)
		return perror("rt_sigprocmask"), 1;
	execvp(argv[optind], argv + optind);
	perror(argv[optind]);
	return 127;
}
