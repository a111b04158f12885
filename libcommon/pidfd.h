/*
 * pidfds: a handle on one process that a recycled PID cannot fool (Linux 5.3+). musl has
 * no wrappers: these are the raw syscalls. On an older kernel every call fails with ENOSYS
 * and pidfd_supported() says so once; callers then fall back to kill() after re-checking
 * the process's identity in /proc (see proctree.h).
 */
#ifndef PIDBOX_PIDFD_H
#define PIDBOX_PIDFD_H
#include <sys/types.h>

/* A close-on-exec pidfd for pid, or -1 (errno: ESRCH gone, ENOSYS old kernel, EMFILE...). */
int pidfd_get(pid_t pid);
/* pidfd_send_signal(fd, sig): 0 or -1 (errno: ESRCH when it has exited, EPERM). */
int pidfd_signal(int fd, int sig);
/* 1 when the process has exited (a zombie counts as exited), 0 while it runs, -1 on error. */
int pidfd_exited(int fd);
/* 0 when this kernel has no pidfd_open (ENOSYS), else 1. Probed once. */
int pidfd_supported(void);

#endif
