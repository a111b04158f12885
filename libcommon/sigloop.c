//config:config LIB_SIGLOOP
//config:	bool

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "clock.h"
#include "sigloop.h"

int ksig_mask(int how, ksigset set, ksigset *old)
{
	return (int)syscall(SYS_rt_sigprocmask, how, &set, old, sizeof(ksigset));
}

int ksig_disposition(int sig, void (*disp)(int), int *was_ignored)
{
	struct { void (*handler)(int); unsigned long flags; void (*restorer)(void); ksigset mask; }
		act = { disp, 0, 0, 0 }, old;

	if (syscall(SYS_rt_sigaction, sig, &act, &old, sizeof(ksigset)) < 0)
		return -1;
	if (was_ignored)
		*was_ignored = old.handler == SIG_IGN;
	return 0;
}

int sigloop_open(struct sigloop *l, ksigset set)
{
	l->n = l->next = 0;
	l->caught = set;
	if (ksig_mask(SIG_BLOCK, set, &l->orig_mask) < 0)
		return -1;
	l->fd = (int)syscall(SYS_signalfd4, -1, &set, sizeof(ksigset), SFD_CLOEXEC);
	return l->fd < 0 ? -1 : 0;
}

int sigloop_next(struct sigloop *l, struct signalfd_siginfo *si, long long timeout_ms)
{
	long long deadline = timeout_ms < 0 ? -1 : clock_now_ms() + timeout_ms;

	while (l->next == l->n) {
		ssize_t got;

		/* with a deadline, wait in ppoll; without one, in read itself: one call a batch */
		if (deadline >= 0) {
			struct pollfd p = { .fd = l->fd, .events = POLLIN };
			long long left = deadline - clock_now_ms();
			struct timespec ts = { 0, 0 };
			int r;

			if (left > 0)
				ts.tv_sec = left / 1000, ts.tv_nsec = left % 1000 * 1000000;
			r = ppoll(&p, 1, &ts, 0);
			if (r == 0)
				return 0;
			if (r < 0 && errno == EINTR)
				continue;
			if (r < 0)
				return -1;
		}
		got = read(l->fd, l->buf, sizeof(l->buf));
		if (got < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (got <= 0)
			return -1;
		l->n = (unsigned)got / sizeof(l->buf[0]);
		l->next = 0;
	}
	*si = l->buf[l->next++];
	return 1;
}
