/*
 * Make PID reuse deterministic (as root, in a PID namespace of its own).
 *   pidreuse at PID CMD [ARG...]  fork CMD so that it gets PID: writes PID-1 to
 *                                 /proc/sys/kernel/ns_last_pid, then forks at once. Exits
 *                                 0 when the child got PID, 1 (saying which it got) if not.
 *   pidreuse fill FD              fill the pipe on FD to the brim (written until EAGAIN),
 *                                 so that the next write to it blocks until it is read.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int fill(int fd)
{
	static char buf[4096];
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
		return 1;
	while (write(fd, buf, sizeof(buf)) > 0)
		;
	while (write(fd, buf, 1) > 0)
		;
	if (errno != EAGAIN)
		return 1;
	return fcntl(fd, F_SETFL, fl) < 0;
}

static int at(pid_t want, char **cmd)
{
	FILE *f = fopen("/proc/sys/kernel/ns_last_pid", "w");
	pid_t p;

	if (!f || fprintf(f, "%d", (int)want - 1) < 0 || fclose(f) != 0) {
		perror("ns_last_pid");
		return 1;
	}
	p = fork();
	if (p == 0) {
		execvp(cmd[0], cmd);
		_exit(127);
	}
	if (p != want)
		fprintf(stderr, "pidreuse: wanted PID %d, got %d\n", (int)want, (int)p);
	return p != want;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "fill"))
		return fill(atoi(argv[2]));
	if (argc >= 4 && !strcmp(argv[1], "at"))
		return at(atoi(argv[2]), argv + 3);
	fprintf(stderr, "usage: pidreuse at PID CMD... | pidreuse fill FD\n");
	return 2;
}
