/*
 * leaver N: the child that leaves N live descendants behind. Each is a daemon made the
 * usual way (fork, setsid, fork again, the middle exits), named "bench-leftover", and
 * sleeps until signalled. leaver exits 0 once all N are running.
 */
#include <sys/prctl.h>
#include "bench.h"

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 0, i;
	int ready[2];
	char b;

	if (n < 1 || pipe(ready) < 0)
		bench_die("usage: leaver N");
	for (i = 0; i < n; i++) {
		pid_t mid = fork();
		if (mid < 0)
			bench_die("fork: %s", strerror(errno));
		if (mid == 0) {
			setsid();
			if (fork() == 0) {
				prctl(PR_SET_NAME, "bench-leftover");
				close(ready[0]);
				if (write(ready[1], "", 1) != 1)
					_exit(1);
				close(ready[1]);
				for (;;)
					pause();
			}
			_exit(0);
		}
		waitpid(mid, 0, 0);
	}
	close(ready[1]);
	for (i = 0; i < n && read(ready[0], &b, 1) == 1; i++)
		;
	return i == n ? 0 : 1;
}
