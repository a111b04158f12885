/*
 * parent_dies_at_prctl CMD [ARG...]: the pdeathsig race, made to happen every time.
 * A parent P starts CMD; this program, the tracer (and child subreaper), stops CMD on
 * entry to prctl(PR_SET_PDEATHSIG), kills P and reaps it, so that CMD is reparented to
 * us before its prctl runs, then lets CMD go. A parent-death signal set now can never
 * fire: CMD must notice the death by itself (getppid() changed).
 * Prints how CMD ended, "exited N" or "killed N", then "no prctl" if CMD never called it.
 */
#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* The parent to kill: starts CMD, which waits on `go` until it is traced. */
static pid_t start_parent(char **argv, int go, pid_t *cmd)
{
	int info[2];
	pid_t p;

	if (pipe(info) < 0 || (p = fork()) < 0)
		return -1;
	if (p == 0) {
		pid_t c = fork();
		if (c == 0) {
			char b;
			if (read(go, &b, 1) != 1)
				_exit(126);
			execvp(argv[0], argv);
			_exit(127);
		}
		if (write(info[1], &c, sizeof(c)) != sizeof(c))
			_exit(1);
		for (;;)
			pause();
	}
	if (read(info[0], cmd, sizeof(*cmd)) != sizeof(*cmd))
		return -1;
	return p;
}

/* Run CMD up to its prctl(PR_SET_PDEATHSIG): 1 there (stopped), 0 if it exited first. */
static int run_to_prctl(pid_t cmd, int *status)
{
	int sig = 0;

	for (;;) {
		struct __ptrace_syscall_info si;

		if (ptrace(PTRACE_SYSCALL, cmd, 0, sig) < 0 || waitpid(cmd, status, __WALL) < 0)
			return 0;
		if (!WIFSTOPPED(*status))
			return 0;
		sig = 0;
		if (WSTOPSIG(*status) != (SIGTRAP | 0x80)) {
			if (*status >> 16 == 0) /* a signal for CMD: deliver it */
				sig = WSTOPSIG(*status);
			continue;
		}
		if (ptrace(PTRACE_GET_SYSCALL_INFO, cmd, sizeof(si), &si) > 0 &&
		    si.op == PTRACE_SYSCALL_INFO_ENTRY && si.entry.nr == SYS_prctl &&
		    si.entry.args[0] == PR_SET_PDEATHSIG)
			return 1;
	}
}

int main(int argc, char **argv)
{
	int go[2], status, reached;
	pid_t parent, cmd;

	setvbuf(stdout, 0, _IONBF, 0);
	if (argc < 2 || pipe(go) < 0)
		return 2;
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	parent = start_parent(argv + 1, go[0], &cmd);
	if (parent < 0 || ptrace(PTRACE_SEIZE, cmd, 0, PTRACE_O_TRACESYSGOOD) < 0) {
		perror("parent_dies_at_prctl: start");
		return 1;
	}
	/* stop it (in its read of `go`) so that PTRACE_SYSCALL can take over */
	ptrace(PTRACE_INTERRUPT, cmd, 0, 0);
	waitpid(cmd, &status, __WALL);
	if (write(go[1], "x", 1) != 1)
		return 1;
	reached = run_to_prctl(cmd, &status);
	if (reached) {
		kill(parent, SIGKILL);
		waitpid(parent, 0, 0); /* reaped: CMD is ours now, before its prctl runs */
		ptrace(PTRACE_DETACH, cmd, 0, 0);
		waitpid(cmd, &status, 0);
	} else {
		kill(parent, SIGKILL);
		waitpid(parent, 0, 0);
		if (WIFSTOPPED(status) || !(WIFEXITED(status) || WIFSIGNALED(status)))
			waitpid(cmd, &status, 0);
	}
	if (WIFEXITED(status))
		printf("exited %d\n", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		printf("killed %d\n", WTERMSIG(status));
	if (!reached)
		printf("no prctl\n");
	return 0;
}
