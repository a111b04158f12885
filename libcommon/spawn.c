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

/* Runs in the vforked child, on the parent's memory: only syscalls, then exec or _exit. */
static void child_exec(char *const argv[], const struct spawn_opts *o, volatile int *err)
{
	if (o->setsid) {
		setsid();
		if (o->ctty && isatty(STDIN_FILENO))
			ioctl(STDIN_FILENO, TIOCSCTTY, 0);
	} else if (o->setpgid) {
		setpgid(0, 0);
	}
	if (o->pdeathsig)
		prctl(PR_SET_PDEATHSIG, o->pdeathsig);
	if (o->chld_ignored)
		ksig_disposition(SIGCHLD, SIG_IGN, 0);
	ksig_mask(SIG_SETMASK, o->mask, 0);
	execvp(argv[0], argv);
	*err = errno;
	_exit(spawn_exec_status(errno));
}

pid_t spawn_cmd(char *const argv[], const struct spawn_opts *o, int *exec_errno)
{
	volatile int err = 0;
	pid_t pid;

	/*
	 * vfork: the parent sleeps until the child has exec'd or exited, so a failed exec's
	 * errno is in `err` when we resume, and a large parent does not pay for fork's copy.
	 */
	pid = vfork();
	if (pid == 0)
		child_exec(argv, o, &err);
	*exec_errno = pid > 0 ? err : 0;
	return pid;
}
