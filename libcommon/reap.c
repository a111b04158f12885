//config:config LIB_REAP
//config:	bool

#include <errno.h>
#include <sys/wait.h>
#include "reap.h"

void reap_all(pid_t child, struct reap_result *r,
	      void (*on_other)(pid_t pid, int status, void *ctx), void *ctx)
{
	int saved = errno;

	for (;;) {
		int status;
		pid_t pid = waitpid(-1, &status, WNOHANG);

		if (pid <= 0) {
			if (pid < 0 && errno == EINTR)
				continue;
			r->none_left = pid < 0 && errno == ECHILD;
			break;
		}
		r->reaped++;
		if (pid == child)
			r->child_status = status;
		else if (on_other)
			on_other(pid, status, ctx);
	}
	errno = saved;
}

int wait_exitcode(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return 255;
}
