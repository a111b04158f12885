/*
 * sigdfl CMD [ARG...]: exec CMD with every signal's disposition back to SIG_DFL, 32 and 33
 * included. An inherited SIG_IGN survives exec: GNU make starts its recipes with 32 and 33
 * ignored, for one. glibc's sigaction() refuses 32 and 33, so this is the raw syscall.
 */
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

struct ksigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	unsigned long mask;
};

int main(int argc, char **argv)
{
	struct ksigaction dfl = { SIG_DFL, 0, 0, 0 };
	int sig;

	if (argc < 2) {
		fprintf(stderr, "usage: sigdfl CMD [ARG...]\n");
		return 2;
	}
	for (sig = 1; sig <= 64; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			syscall(SYS_rt_sigaction, sig, &dfl, NULL, sizeof(dfl.mask));
	execvp(argv[1], argv + 1);
	perror(argv[1]);
	return 127;
}
