/* Starting the one child of a wrapper: vfork + exec, with exec errors reported back. */
#ifndef PIDBOX_SPAWN_H
#define PIDBOX_SPAWN_H
#include <sys/types.h>
#include "sigloop.h"
#include "user.h"

struct spawn_opts {
	ksigset mask;        /* the child's signal mask: the one the wrapper was started with */
	int setsid;          /* start a new session (and process group) */
	int ctty;            /* with setsid: take stdin as controlling terminal, if it is one */
	int setpgid;         /* without setsid: a process group of its own */
	int foreground;      /* with setpgid: that group becomes the foreground of stdin's tty */
	int chld_ignored;    /* restore SIGCHLD to SIG_IGN: the wrapper had to reset it to reap */
	int pdeathsig;       /* when nonzero, PR_SET_PDEATHSIG in the child */
	const struct user_ids *ids; /* when set, become this user (user_drop) before exec */
	const char *dir;     /* when set, chdir there, as the user above: the user's rights apply */
	char *const *env;    /* when set, the child's environment; PATH is searched in it */
	int redirect;        /* when set, stdio[] gives the child's fds 0, 1, 2 */
	int stdio[3];        /* with redirect: the fd to become 0, 1, 2; -1 keeps it */
};

/* What the child could not do before exec, when spawn_child() reports an error. */
enum spawn_step { SPAWN_EXEC, SPAWN_USER, SPAWN_DIR, SPAWN_STDIO };
struct spawn_error {
	int err;              /* errno, 0 when the child exec'd */
	enum spawn_step step;
};

/*
 * Start argv[0] (searched in PATH) as a child. Returns its pid, or -1 when it could not be
 * created (errno set). When it was created but exec failed, *exec_errno is set and the
 * child has already exited with 127 (not found) or 126 (found, not executable), as a
 * shell's would; otherwise *exec_errno is 0.
 */
pid_t spawn_cmd(char *const argv[], const struct spawn_opts *o, int *exec_errno);

/*
 * spawn_cmd() that also says which step failed. A failed user, dir or stdio step makes
 * the child exit 126 without exec.
 */
pid_t spawn_child(char *const argv[], const struct spawn_opts *o, struct spawn_error *e);

/* 127 for "not found", 126 for everything else exec can fail with. */
int spawn_exec_status(int err);

#endif
