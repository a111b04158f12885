//config:config LIB_SPAWN
//config:	bool
//config:	select LIB_SIGLOOP

#include <errno.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <unistd.h>
#include "spawn.h"

int spawn_exec_status(int err)
{
	return err == ENOENT ? 127 : 126;
}

/* fds above 2 become 0, 1, 2; an fd already in place loses its close-on-exec flag. */
static int child_stdio(const int fds[3])
{
	int i;

	for (i = 0; i < 3; i++)
		if (fds[i] >= 0 && (fds[i] == i ? ioctl(i, FIONCLEX) : dup2(fds[i], i)) < 0)
			return -1;
	return 0;
}

static void child_fail(volatile struct spawn_error *e, enum spawn_step step, int status)
{
	e->err = errno;
	e->step = step;
	_exit(status);
}

/* Runs in the vforked child, on the parent's memory: only syscalls, then exec or _exit. */
static void child_exec(char *const argv[], const struct spawn_opts *o,
		       volatile struct spawn_error *e)
{
	if (o->setsid) {
		setsid();
		if (o->ctty && isatty(STDIN_FILENO))
			ioctl(STDIN_FILENO, TIOCSCTTY, 0);
	} else if (o->setpgid) {
		setpgid(0, 0);
		/* still under the wrapper's mask, whose sigloop blocks the SIGTTOU for this */
		if (o->foreground)
			tcsetpgrp(STDIN_FILENO, getpid());
	}
	if (o->pdeathsig)
		prctl(PR_SET_PDEATHSIG, o->pdeathsig);
	if (o->chld_ignored)
		ksig_disposition(SIGCHLD, SIG_IGN, 0);
	if (o->redirect && child_stdio(o->stdio) < 0)
		child_fail(e, SPAWN_STDIO, 126);
#ifdef CONFIG_LIB_USER /* only applets that select it can ask for a user */
	if (o->ids && user_drop(o->ids) < 0)
		child_fail(e, SPAWN_USER, 126);
#endif
	if (o->dir && chdir(o->dir) < 0)
		child_fail(e, SPAWN_DIR, 126);
	ksig_mask(SIG_SETMASK, o->mask, 0);
	execvp(argv[0], argv);
	child_fail(e, SPAWN_EXEC, spawn_exec_status(errno));
}

pid_t spawn_child(char *const argv[], const struct spawn_opts *o, struct spawn_error *e)
{
	volatile struct spawn_error err = { 0, SPAWN_EXEC };
	char **saved_env = environ;
	pid_t pid;

	/* execvp searches PATH in environ: the child's own environment must be in place */
	if (o->env)
		environ = (char **)o->env;
	/*
	 * vfork: the parent sleeps until the child has exec'd or exited, so a failed exec's
	 * errno is in `err` when we resume, and a large parent does not pay for fork's copy.
	 */
	pid = vfork();
	if (pid == 0)
		child_exec(argv, o, &err);
	environ = saved_env;
	e->err = pid > 0 ? err.err : 0;
	e->step = err.step;
	return pid;
}

pid_t spawn_cmd(char *const argv[], const struct spawn_opts *o, int *exec_errno)
{
	struct spawn_error e;
	pid_t pid = spawn_child(argv, o, &e);

	*exec_errno = e.err;
	return pid;
}
