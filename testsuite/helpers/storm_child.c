/*
 * storm_child OUTFILE READY_FIFO: the child of an init under a signal storm.
 * Catches every catchable signal but CHLD and counts each; meanwhile forks continuously
 * (each child forks a grandchild and exits at once, so orphans go to the init too).
 * On RTMAX (64), the sentinel sent after everything else, writes "SIG COUNT" lines for
 * every signal it got to OUTFILE and exits 42.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t counts[65], done;

static void on_sig(int sig)
{
	counts[sig]++;
	if (sig == 64)
		done = 1;
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	FILE *out;
	int sig, fd;

	if (argc < 3)
		return 2;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sig;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	for (sig = 1; sig <= 64; sig++)
		if (sig != SIGKILL && sig != SIGSTOP && sig != SIGCHLD)
			sigaction(sig, &sa, 0);
	fd = open(argv[2], O_WRONLY);
	if (fd < 0 || write(fd, "ready\n", 6) != 6)
		return 3;
	close(fd);
	while (!done) {
		pid_t pid = fork();
		if (pid == 0) {
			if (fork() == 0)
				_exit(0);
			_exit(0);
		}
		if (pid > 0)
			while (waitpid(pid, 0, 0) < 0 && !done)
				;
	}
	out = fopen(argv[1], "w");
	if (!out)
		return 4;
	for (sig = 1; sig <= 64; sig++)
		if (counts[sig])
			fprintf(out, "%d %d\n", sig, (int)counts[sig]);
	fclose(out);
	return 42;
}
