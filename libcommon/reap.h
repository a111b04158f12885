/* Reaping children and turning wait statuses into exit codes. */
#ifndef PIDBOX_REAP_H
#define PIDBOX_REAP_H
#include <sys/types.h>

struct reap_result {
	int reaped;       /* how many were reaped */
	int child_status; /* wait status of `child`, -1 while it lives */
	int none_left;    /* no child at all is left (ECHILD) */
};

/*
 * Reap every child that has exited, without blocking. Call it on each SIGCHLD: several
 * exits can coalesce into one signal, so one waitpid() per signal would leave zombies.
 * Records `child`'s status in r->child_status; the others go to on_other() when non-NULL.
 */
void reap_all(pid_t child, struct reap_result *r,
	      void (*on_other)(pid_t pid, int status, void *ctx), void *ctx);

/* The shell's exit code for a wait status: N for exit(N), 128+S for a death by signal S. */
int wait_exitcode(int status);

#endif
