//config:config LIB_PIDFD
//config:	bool

#include <errno.h>
#include <poll.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "pidfd.h"

int pidfd_get(pid_t pid)
{
	/* pidfds are always close-on-exec: no flag needed */
	return (int)syscall(SYS_pidfd_open, pid, 0);
}

int pidfd_signal(int fd, int sig)
{
	return (int)syscall(SYS_pidfd_send_signal, fd, sig, (void *)0, 0);
}

int pidfd_exited(int fd)
{
	/* a pidfd polls readable once its process has exited */
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int r = poll(&p, 1, 0);

	return r < 0 ? -1 : r > 0;
}

int pidfd_supported(void)
{
	static int known; /* 0 not probed, 1 yes, 2 no: a property of the kernel, not a caller */

	if (!known) {
		int fd = pidfd_get(getpid());
		known = fd < 0 && errno == ENOSYS ? 2 : 1;
		if (fd >= 0)
			close(fd);
	}
	return known == 1;
}
