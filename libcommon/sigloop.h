/*
 * The signal loop: block every signal that can be caught, read them from one signalfd.
 * Masks are kernel-sized (64 bits) and set with the raw syscalls, because musl's
 * sigset_t functions refuse 32..34, which glibc programs use (their SIGRTMIN is 34).
 */
#ifndef PIDBOX_SIGLOOP_H
#define PIDBOX_SIGLOOP_H
#include <stdint.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <sys/types.h>

typedef uint64_t ksigset;
#define KSIG(sig) ((ksigset)1 << ((sig) - 1))
/* 1..64 without KILL and STOP, which cannot be blocked */
#define KSIG_CATCHABLE (~(ksigset)0 & ~KSIG(9) & ~KSIG(19))

/* rt_sigprocmask with a kernel-sized mask; old may be NULL. */
int ksig_mask(int how, ksigset set, ksigset *old);

/*
 * Set sig to SIG_DFL or SIG_IGN with the raw rt_sigaction (musl's sigaction() links its
 * handler machinery, ~1 KB, that no pidbox applet needs). *was_ignored, when not NULL,
 * says whether sig was SIG_IGN before.
 */
int ksig_disposition(int sig, void (*disp)(int), int *was_ignored);

/*
 * Did one of our own calls make the kernel send si? A write to a closed pipe (SIGPIPE), to
 * a background tty (SIGTTOU) or past RLIMIT_FSIZE (SIGXFSZ), and TIOCNOTTY (SIGHUP,
 * SIGCONT) come "from" the caller: the wrapper's own business, not to be forwarded. Only
 * those: any other signal from our own PID was sent before our exec, by whoever ran us,
 * and is a request like any other.
 */
#define KSIG_SIDE_EFFECTS (KSIG(SIGPIPE) | KSIG(SIGTTOU) | KSIG(SIGXFSZ) | KSIG(SIGHUP) | KSIG(SIGCONT))
static inline int sig_from_self(const struct signalfd_siginfo *si, pid_t self)
{
	return si->ssi_code == SI_USER && (pid_t)si->ssi_pid == self &&
	       (KSIG_SIDE_EFFECTS & KSIG(si->ssi_signo));
}

struct sigloop {
	int fd;                      /* the signalfd, close-on-exec; blocking: poll it first */
	ksigset caught;              /* what it reads */
	ksigset orig_mask;           /* the mask before sigloop_open(), for children */
	unsigned n, next;            /* buffered siginfos */
	struct signalfd_siginfo buf[16];
};

/*
 * Block `set` and open the signalfd. Signals already pending, or arriving any time after
 * this call, are read in order by sigloop_next(): none is lost while a child is started.
 */
int sigloop_open(struct sigloop *l, ksigset set);
/*
 * The next signal. Waits at most timeout_ms (-1: forever, with no periodic wake-up).
 * 1: *si holds it; 0: the timeout passed; -1: error (errno set).
 */
int sigloop_next(struct sigloop *l, struct signalfd_siginfo *si, long long timeout_ms);

#endif
