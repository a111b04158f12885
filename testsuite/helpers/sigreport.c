/*
 * sigreport [-r FIFO] [-x SIG[:CODE]]...: a child that reports every signal it receives,
 * 1..64 but KILL and STOP, 32 and 33 included (glibc's sigaction refuses those, so this
 * reads them from a signalfd set up with the raw syscalls and a 64-bit mask).
 * Prints "NUM\n" per signal on stdout, one write each; RT signals queue, so a burst of N
 * prints N lines. "ready\n" goes to FIFO (or stdout) once every signal is blocked.
 * -x SIG[:CODE]: exit with CODE (default 0) after reporting SIG.
 * Blocked signals never act: TSTP does not stop it, TERM does not kill it; CONT still
 * continues it when stopped, as for any process.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	uint64_t all = ~(uint64_t)0 & ~(1ULL << 8) & ~(1ULL << 18);
	int exit_code[65], c, fd;
	const char *fifo = 0;
	struct signalfd_siginfo si;

	memset(exit_code, -1, sizeof(exit_code));
	while ((c = getopt(argc, argv, "r:x:")) != -1) {
		char *colon;
		switch (c) {
		case 'r': fifo = optarg; break;
		case 'x':
			colon = strchr(optarg, ':');
			if (atoi(optarg) < 1 || atoi(optarg) > 64)
				return 2;
			exit_code[atoi(optarg)] = colon ? atoi(colon + 1) : 0;
			break;
		default: return 2;
		}
	}
	if (syscall(SYS_rt_sigprocmask, SIG_SETMASK, &all, 0, 8) < 0)
		return perror("rt_sigprocmask"), 1;
	fd = (int)syscall(SYS_signalfd4, -1, &all, 8, 0);
	if (fd < 0)
		return perror("signalfd"), 1;
	if (fifo) {
		int f = open(fifo, O_WRONLY);
		if (write(f, "ready\n", 6) != 6)
			return 1;
		close(f);
	} else if (write(1, "ready\n", 6) != 6) {
		return 1;
	}
	while (read(fd, &si, sizeof(si)) == sizeof(si)) {
		char buf[16];
		int n = snprintf(buf, sizeof(buf), "%u\n", si.ssi_signo);
		if (write(1, buf, (size_t)n) != n)
			return 1;
		if (si.ssi_signo <= 64 && exit_code[si.ssi_signo] >= 0)
			return exit_code[si.ssi_signo];
	}
	return 1;
}
