/* See hooks.h. Host C for the fuzz build only: never linked into pidbox. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include "hooks.h"
#include "log.h"
#include "sigloop.h"

int __real_close(int fd);

static jmp_buf hook_env;
/* per thread: libFuzzer's RSS thread calls sleep() while the target runs */
static __thread int hook_inside;
static struct hook_result *hook_res;
/* what a faked sigloop_open() hands out: a real descriptor above stderr, made once */
static int hook_fake_fd = -1;

__attribute__((noreturn)) static void hook_stop(enum hook_outcome how, int status,
						const char *what)
{
	hook_res->how = how;
	hook_res->status = status;
	hook_res->acted = what;
	hook_inside = 0;
	longjmp(hook_env, 1);
}

/* name: the applet run, log_prog: the one that speaks (the dispatcher hands over) */
static void hook_check(const char *name, const struct hook_result *r)
{
	const char *nl = memchr(r->err, '\n', r->errlen);
	size_t nlen = strlen(log_prog);

	if (r->how == HOOK_ACTED)
		return;
	/* 127: the dispatcher's "applet not found" */
	if (r->how == HOOK_EXITED && r->status == 127 && !strcmp(name, "pidbox"))
		return;
	if (r->how == HOOK_EXITED && r->status == 2) {
		/* a usage error: exactly one line, "NAME: what is wrong" */
		if (!nl || nl != r->err + r->errlen - 1 || r->errlen < nlen + 3 ||
		    memcmp(r->err, log_prog, nlen) || memcmp(r->err + nlen, ": ", 2)) {
			fprintf(stderr, "fuzz: %s: exit 2 without one line '%s: ...' on stderr: "
				"\"%.*s\"\n", name, log_prog, (int)r->errlen, r->err);
			abort();
		}
		return;
	}
	if (r->status < 0 || r->status > 2) {
		fprintf(stderr, "fuzz: %s: status %d before acting (%s): \"%.*s\"\n", name,
			r->status, r->how == HOOK_EXITED ? "exit" : "return", (int)r->errlen, r->err);
		abort();
	}
}

void hook_run(int (*main_fn)(int, char **), const char *name, int argc, char **argv,
	      struct hook_result *r)
{
	memset(r, 0, sizeof(*r));
	hook_res = r;
	if (hook_fake_fd < 0) {
		int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
		hook_fake_fd = fcntl(fd, F_DUPFD_CLOEXEC, 100);
		__real_close(fd);
	}
	log_prog = name;
	log_level = 0;
	if (!setjmp(hook_env)) {
		int st;
		hook_inside = 1;
		st = main_fn(argc, argv);
		hook_inside = 0;
		r->how = HOOK_RETURNED;
		r->status = st;
	}
	hook_check(name, r);
}

int hook_argv(const unsigned char *data, unsigned long size, const char *name, char *buf,
	      unsigned long bufsize, char **argv, int maxargs)
{
	unsigned long i, n = size < bufsize - 1 ? size : bufsize - 1;
	int argc = 1;

	memcpy(buf, data, n);
	buf[n] = 0;
	argv[0] = (char *)name;
	if (n)
		argv[argc++] = buf;
	for (i = 0; i < n && argc < maxargs; i++)
		if (!buf[i] && i + 1 < n)
			argv[argc++] = buf + i + 1;
	argv[argc] = 0;
	return argc;
}

/* ---- exits */
void __real__exit(int status) __attribute__((noreturn));
void __real_exit(int status) __attribute__((noreturn));
void __wrap__exit(int status)
{
	if (hook_inside)
		hook_stop(HOOK_EXITED, status, "_exit");
	__real__exit(status);
}
void __wrap_exit(int status)
{
	if (hook_inside)
		hook_stop(HOOK_EXITED, status, "exit");
	__real_exit(status);
}

/* ---- output: stdout counted, stderr captured, any other fd is acting */
ssize_t __real_write(int fd, const void *buf, size_t len);
ssize_t __wrap_write(int fd, const void *buf, size_t len)
{
	if (!hook_inside)
		return __real_write(fd, buf, len);
	if (fd == STDOUT_FILENO) {
		hook_res->outlen += (unsigned)len;
		return (ssize_t)len;
	}
	if (fd == STDERR_FILENO) {
		size_t room = sizeof(hook_res->err) - hook_res->errlen;
		size_t n = len < room ? len : room;
		memcpy(hook_res->err + hook_res->errlen, buf, n);
		hook_res->errlen += (unsigned)n;
		return (ssize_t)len;
	}
	hook_stop(HOOK_ACTED, 0, "write");
}

/* ---- set-up an applet may do before parsing: pretend it worked */
int __real_sigloop_open(struct sigloop *l, ksigset set);
int __wrap_sigloop_open(struct sigloop *l, ksigset set)
{
	if (!hook_inside)
		return __real_sigloop_open(l, set);
	memset(l, 0, sizeof(*l));
	l->fd = hook_fake_fd; /* an applet may check that it is not 0, 1 or 2 */
	l->caught = set;
	return 0;
}
int __real_ksig_mask(int how, ksigset set, ksigset *old);
int __wrap_ksig_mask(int how, ksigset set, ksigset *old)
{
	if (!hook_inside)
		return __real_ksig_mask(how, set, old);
	if (old)
		*old = 0;
	return 0;
}

/* raising the fd limit (killtree, for its pidfds) changes nothing the fuzzer minds */
int __real_setrlimit(int res, const struct rlimit *rl);
int __wrap_setrlimit(int res, const struct rlimit *rl)
{
	if (!hook_inside)
		return __real_setrlimit(res, rl);
	return 0;
}

/* ---- every call that acts on the system or waits: the end of parsing */
#define ACTS(ret, fn, params, args) \
	ret __real_##fn params; \
	ret __wrap_##fn params \
	{ \
		if (hook_inside) \
			hook_stop(HOOK_ACTED, 0, #fn); \
		return __real_##fn args; \
	}
#define ACTS_VA(ret, fn, first_params, first_args) \
	ret __real_##fn(first_params, ...); \
	ret __wrap_##fn(first_params, ...) \
	{ \
		va_list ap; \
		long a[6]; \
		int i; \
		if (hook_inside) \
			hook_stop(HOOK_ACTED, 0, #fn); \
		va_start(ap, n); \
		for (i = 0; i < 6; i++) \
			a[i] = va_arg(ap, long); \
		va_end(ap); \
		return __real_##fn(first_args, a[0], a[1], a[2], a[3], a[4], a[5]); \
	}

ACTS(pid_t, fork, (void), ())
ACTS(pid_t, vfork, (void), ())
ACTS(int, execve, (const char *p, char *const a[], char *const e[]), (p, a, e))
ACTS(int, execv, (const char *p, char *const a[]), (p, a))
ACTS(int, execvp, (const char *p, char *const a[]), (p, a))
ACTS(int, execvpe, (const char *p, char *const a[], char *const e[]), (p, a, e))
ACTS(int, kill, (pid_t p, int s), (p, s))
ACTS(int, killpg, (pid_t p, int s), (p, s))
ACTS(int, raise, (int s), (s))
ACTS(int, sigqueue, (pid_t p, int s, const union sigval v), (p, s, v))
ACTS(pid_t, setsid, (void), ())
ACTS(int, setpgid, (pid_t p, pid_t g), (p, g))
ACTS(int, chdir, (const char *p), (p))
ACTS(int, fchdir, (int fd), (fd))
ACTS(int, close, (int fd), (fd))
ACTS(int, dup2, (int a, int b), (a, b))
ACTS(int, dup3, (int a, int b, int f), (a, b, f))
ACTS(sighandler_t, signal, (int s, sighandler_t h), (s, h))
ACTS(int, sigaction, (int s, const struct sigaction *a, struct sigaction *o), (s, a, o))
ACTS(int, sigprocmask, (int h, const sigset_t *s, sigset_t *o), (h, s, o))
ACTS(pid_t, waitpid, (pid_t p, int *s, int f), (p, s, f))
ACTS(int, waitid, (idtype_t t, id_t i, siginfo_t *s, int f), (t, i, s, f))
ACTS(unsigned, sleep, (unsigned s), (s))
ACTS(int, pause, (void), ())
ACTS(int, setuid, (uid_t u), (u))
ACTS(int, setgid, (gid_t g), (g))
ACTS(int, chroot, (const char *p), (p))
ACTS(int, link, (const char *a, const char *b), (a, b))
ACTS(int, symlink, (const char *a, const char *b), (a, b))
ACTS(int, unlink, (const char *p), (p))
ACTS(ssize_t, readlink, (const char *p, char *b, size_t n), (p, b, n))
ACTS(DIR *, opendir, (const char *p), (p))
ACTS(int, pidfd_open, (pid_t p, unsigned f), (p, f))
ACTS(int, poll, (struct pollfd *f, nfds_t n, int t), (f, n, t))
ACTS(int, ppoll, (struct pollfd *f, nfds_t n, const struct timespec *t, const sigset_t *m),
     (f, n, t, m))
ACTS(int, nanosleep, (const struct timespec *a, struct timespec *b), (a, b))
ACTS(int, clock_nanosleep, (clockid_t c, int f, const struct timespec *a, struct timespec *b),
     (c, f, a, b))
ACTS(int, prlimit, (pid_t p, int r, const struct rlimit *n, struct rlimit *o), (p, r, n, o))
ACTS_VA(int, open, const char *n, n)
ACTS_VA(int, prctl, int n, n)
ACTS_VA(int, ioctl, int n, n)
ACTS_VA(long, syscall, long n, n)
ACTS_VA(int, openat, int n, n)
