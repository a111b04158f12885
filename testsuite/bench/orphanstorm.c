/*
 * orphanstorm N WORKERS: run as the init's child, as PID 1's child of a namespace with its
 * own /proc. WORKERS processes make N orphans between them as fast as they can (a middle
 * process forks a grandchild and exits at once; the grandchild exits too), so every
 * grandchild is reparented to PID 1 and must be reaped by it. Meanwhile PID 1's children
 * are counted every millisecond. Prints "MS PEAK": the time from the first fork until PID 1
 * has no child but this one, and the most children (other than this one) seen pending at
 * once; or "timeout PEAK LEFT" when they were not all reaped within 120 s.
 */
#include "bench.h"

/* PID 1's children, from /proc/1/task/1/children (orphans come to its main thread). */
static long init_children(void)
{
	static char buf[1 << 20];
	long n = 0;
	ssize_t len, i;
	int fd = open("/proc/1/task/1/children", O_RDONLY);

	if (fd < 0)
		return -1;
	len = read(fd, buf, sizeof(buf));
	close(fd);
	for (i = 0; i < len; i++)
		n += buf[i] == ' ';
	return n;
}

static void make_orphans(long n)
{
	long i;

	for (i = 0; i < n; i++) {
		pid_t mid = fork();
		if (mid < 0) {
			sleep_ms(1); /* out of PIDs for a moment: the init has not reaped yet */
			i--;
			continue;
		}
		if (mid == 0) {
			if (fork() == 0)
				_exit(0);
			_exit(0);
		}
		waitpid(mid, 0, 0);
	}
}

int main(int argc, char **argv)
{
	long n = argc > 2 ? atol(argv[1]) : 0, workers = argc > 2 ? atol(argv[2]) : 0;
	long peak = 0, left = 0, w, running;
	long long t0, deadline;
	pid_t pids[64];

	if (n < 1 || workers < 1 || workers > 64)
		bench_die("usage: orphanstorm N WORKERS(1..64)");
	if (getppid() != 1)
		bench_die("orphanstorm: must be the child of PID 1 of a namespace");
	t0 = now_ns();
	deadline = t0 + 120000000000LL;
	for (w = 0; w < workers; w++) {
		pids[w] = fork();
		if (pids[w] < 0)
			bench_die("fork: %s", strerror(errno));
		if (pids[w] == 0) {
			make_orphans(n / workers + (w < n % workers));
			_exit(0);
		}
	}
	running = workers;
	while (now_ns() < deadline) {
		long c;

		while (running && waitpid(-1, 0, WNOHANG) > 0)
			running--;
		c = init_children() - 1; /* not counting this process */
		if (c > peak)
			peak = c;
		left = c;
		if (!running && c == 0) {
			printf("%.1f %ld\n", (now_ns() - t0) / 1e6, peak);
			return 0;
		}
		sleep_ms(1);
	}
	printf("timeout %ld %ld\n", peak, left);
	return 1;
}
