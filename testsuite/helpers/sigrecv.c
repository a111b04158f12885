/*
 * sigrecv [-r FIFO] [-x SIG] [-e CODE]: a child that reports every signal it receives.
 * Catches every catchable signal 1..64 (32..34 included: raw syscalls are not needed with
 * glibc's sigaction for those, glibc only hides them from sigfillset), prints
 * "NUM\n" per signal to stdout (unbuffered), and "ready\n" to FIFO (or stdout) once set up.
 * -x SIG: exit with status CODE (default 0) on SIG.  -i SIG: leave SIG at SIG_IGN.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>

static volatile sig_atomic_t exit_on, exit_code;

static void on_sig(int sig, siginfo_t *si, void *uc)
{
	char buf[16];
	int n = snprintf(buf, sizeof(buf), "%d\n", sig);
	(void)si; (void)uc;
	write(1, buf, (size_t)n);
	if (sig == exit_on)
		_exit(exit_code);
}

int main(int argc, char **argv)
{
	const char *fifo = 0;
	int ign[65] = { 0 }, c, sig;
	struct sigaction sa;
	sigset_t none;

	while ((c = getopt(argc, argv, "r:x:e:i:")) != -1)
		switch (c) {
		case 'r': fifo = optarg; break;
		case 'x': exit_on = atoi(optarg); break;
		case 'e': exit_code = atoi(optarg); break;
		case 'i': ign[atoi(optarg) & 63] = 1; break;
		default: return 2;
		}
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sig;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigfillset(&sa.sa_mask);
	for (sig = 1; sig <= 64; sig++) {
		if (sig == SIGKILL || sig == SIGSTOP)
			continue;
		if (ign[sig]) {
			signal(sig, SIG_IGN);
			continue;
		}
		sigaction(sig, &sa, 0);
	}
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, 0);
	if (fifo) {
		int fd = open(fifo, O_WRONLY);
		write(fd, "ready\n", 6);
		close(fd);
	} else {
		write(1, "ready\n", 6);
	}
	for (;;)
		pause();
}
