/* Starting the one child of a wrapper: vfork + exec, with exec errors reported back. */
#ifndef PIDBOX_SPAWN_H
#define PIDBOX_SPAWN_H
#include <sys/types.h>
#include "sigloop.h"

struct spawn_opts {
	ksigset mask;        /* the child's signal mask: the one the wrapper was started with */
	int setsid;          /* start a new session (and process group) */
	int ctty;            /* with setsid: take stdin as controlling terminal, if it is one */
	int setpgid;         /* without setsid: a process group of its own */
	int chld_ignored;    /* restore SIGCHLD to SIG_IGN: the wrapper had to reset it to reap */
	int pdeathsig;       /* when nonzero, PR_SET_PDEATHSIG in the child */
};

/*
 * Start argv[0] (searched in PATH) as a child. Returns its pid, or -1 when it could not be
 * created (errno set). When it was created but exec failed, *exec_errno is set and the
 * child has already exited with 127 (not found) or 126 (found, not executable), as a
 * shell's would; otherwise *exec_errno is 0.
 */
pid_t spawn_cmd(char *const argv[], const struct spawn_opts *o, int *exec_errno);

/* 127 for "not found", 126 for everything else exec can fail with. */
int spawn_exec_status(int err);

#endif
