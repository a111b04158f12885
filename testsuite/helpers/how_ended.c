/*
 * how_ended [-a] CMD [ARG...]: run CMD and say how it ended, as its parent sees it:
 * "exited N", "killed N" (WIFSIGNALED, signal number N), "killed N core". While it runs,
 * each stop is reported as "stopped N" (WUNTRACED) and waiting goes on.
 * -a: become child subreaper and report every process reaped, orphans included, as
 * "COMM exited N" / "COMM killed N", until no child is left.
 * Output is unbuffered; exit status 0, or 1 when CMD could not be started.
 */
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static void report(const char *who, int status)
{
	if (WIFEXITED(status))
		printf("%s%sexited %d\n", who, *who ? " " : "", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		printf("%s%skilled %d%s\n", who, *who ? " " : "", WTERMSIG(status),
		       WCOREDUMP(status) ? " core" : "");
	else if (WIFSTOPPED(status))
		printf("%s%sstopped %d\n", who, *who ? " " : "", WSTOPSIG(status));
}

/* every child, orphans included; the name read before the zombie goes */
static void reap_all(void)
{
	for (;;) {
		siginfo_t si = { 0 };
		char path[64], comm[64] = "?";
		FILE *f;
		int status;

		if (waitid(P_ALL, 0, &si, WEXITED | WNOWAIT) < 0)
			return;
		snprintf(path, sizeof(path), "/proc/%d/comm", (int)si.si_pid);
		if ((f = fopen(path, "r"))) {
			if (fgets(comm, sizeof(comm), f))
				comm[strcspn(comm, "\n")] = 0;
			fclose(f);
		}
		waitpid(si.si_pid, &status, 0);
		report(comm, status);
	}
}

int main(int argc, char **argv)
{
	int all = argc > 1 && !strcmp(argv[1], "-a"), status;
	pid_t pid;

	setvbuf(stdout, 0, _IONBF, 0);
	if (argc < 2 + all) {
		fprintf(stderr, "usage: how_ended [-a] CMD [ARG...]\n");
		return 2;
	}
	if (all)
		prctl(PR_SET_CHILD_SUBREAPER, 1);
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		execvp(argv[1 + all], argv + 1 + all);
		perror(argv[1 + all]);
		_exit(127);
	}
	if (all) {
		reap_all();
		return 0;
	}
	while (waitpid(pid, &status, WUNTRACED) == pid) {
		report("", status);
		if (!WIFSTOPPED(status))
			break;
	}
	return 0;
}
