/*
 * ptyrun CMD [ARG...]: run CMD as a session leader on a new pseudo-terminal (its
 * controlling terminal, stdin/stdout/stderr), as a terminal emulator or `docker run -it`
 * would. Bytes read on ptyrun's stdin are typed into the terminal (so "\032" is Ctrl-Z
 * and "\003" Ctrl-C); what CMD writes comes out on ptyrun's stdout. Exits with CMD's
 * status once CMD has exited and the terminal is drained (or closed by all).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int master, in_open = 1, status;
	pid_t pid;

	if (argc < 2)
		return fprintf(stderr, "usage: ptyrun CMD [ARG...]\n"), 2;
	master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master < 0 || grantpt(master) || unlockpt(master))
		return perror("pty"), 1;
	pid = fork();
	if (pid == 0) {
		int slave;
		setsid();
		slave = open(ptsname(master), O_RDWR);
		if (slave < 0 || ioctl(slave, TIOCSCTTY, 0) < 0)
			return perror("slave"), 1;
		dup2(slave, 0); dup2(slave, 1); dup2(slave, 2);
		if (slave > 2)
			close(slave);
		close(master);
		execvp(argv[1], argv + 1);
		perror(argv[1]);
		_exit(127);
	}
	for (;;) {
		struct pollfd p[2] = { { master, POLLIN, 0 }, { 0, POLLIN, 0 } };
		char buf[4096];
		ssize_t n;

		if (poll(p, in_open ? 2 : 1, -1) < 0 && errno != EINTR)
			break;
		if (p[0].revents) {
			n = read(master, buf, sizeof(buf));
			if (n <= 0)
				break; /* EIO: no process holds the terminal any more */
			if (write(1, buf, (size_t)n) != n)
				break;
		}
		if (in_open && p[1].revents) {
			n = read(0, buf, sizeof(buf));
			if (n <= 0)
				in_open = 0;
			else if (write(master, buf, (size_t)n) != n)
				break;
		}
	}
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
