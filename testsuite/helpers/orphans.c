/*
 * orphans N [FIFO]: make N orphans, as fast as it can: a middle process forks a grandchild
 * and exits at once; the grandchild exits too. Whether it dies before or after its parent,
 * it is reparented (as a process or as a zombie) to the nearest subreaper or PID 1, which
 * must reap it.
 * Writes "done\n" to FIFO (or stdout) when all N were made, then exits 0.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 100, i;

	for (i = 0; i < n; i++) {
		pid_t mid = fork();
		if (mid < 0)
			return 1;
		if (mid == 0) {
			if (fork() == 0)
				_exit(0);
			_exit(0);
		}
		waitpid(mid, 0, 0);
	}
	if (argc > 2) {
		int fd = open(argv[2], O_WRONLY);
		write(fd, "done\n", 5);
		close(fd);
	} else {
		write(1, "done\n", 5);
	}
	return 0;
}
