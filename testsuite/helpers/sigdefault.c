/*
 * sigdefault CMD [ARG...]: exec CMD with every signal 1..64 at SIG_DFL and none blocked.
 * Raw syscalls, because glibc refuses 32 and 33: a `make` or a shell may pass them on
 * ignored, and an inherited SIG_IGN survives exec (env --default-signal cannot reset them).
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct { void (*handler)(int); unsigned long flags; void (*restorer)(void); uint64_t mask; }
		dfl = { SIG_DFL, 0, 0, 0 };
	uint64_t none = 0;
	int sig;

	if (argc < 2) {
		fprintf(stderr, "usage: sigdefault CMD [ARG...]\n");
		return 2;
	}
	for (sig = 1; sig <= 64; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			syscall(SYS_rt_sigaction, sig, &dfl, 0, sizeof(uint64_t));
	syscall(SYS_rt_sigprocmask, SIG_SETMASK, &none, 0, sizeof(none));
	execvp(argv[1], argv + 1);
	perror(argv[1]);
	return 127;
}
