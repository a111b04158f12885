//config:config LIB_PROCTREE
//config:	bool
//config:	select LIB_PROC
//config:	select LIB_PIDFD

#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "clock.h"
#include "fmt.h"
#include "pidfd.h"
#include "proc.h"
#include "proctree.h"

#define HASH_SIZE (int)(sizeof(((struct proctree *)0)->hash) / sizeof(int))
/* extra passes proctree_freeze() makes for members not yet seen stopped */
#define SETTLE_PASSES 16

static unsigned hash_slot(pid_t pid)
{
	return ((unsigned)pid * 2654435761u) & (HASH_SIZE - 1);
}

static int lookup(const struct proctree *t, pid_t pid)
{
	for (unsigned h = hash_slot(pid);; h = (h + 1) & (HASH_SIZE - 1)) {
		int i = t->hash[h] - 1;
		if (i < 0 || t->node[i].pid == pid)
			return i;
	}
}

int proctree_find(const struct proctree *t, pid_t pid)
{
	return lookup(t, pid);
}

void proctree_init(struct proctree *t)
{
	struct proc_stat st;
	pid_t p;

	memset(t, 0, sizeof(*t));
	t->self = getpid();
	t->no_pidfd = !pidfd_supported();
	fmt_buf(t->buf, sizeof(t->buf), "/proc/self/task/%d/children", (int)t->self);
	t->no_children_file = access(t->buf, R_OK) < 0; /* CONFIG_PROC_CHILDREN is off */
	t->protect[t->protect_n++] = 1;
	/* the caller and its ancestors, up to the namespace's init (whose parent reads as 0) */
	for (p = t->self; p > 1 && t->protect_n < (int)(sizeof(t->protect) / sizeof(pid_t));
	     p = st.ppid) {
		t->protect[t->protect_n++] = p;
		if (proc_read_stat(p, &st) < 0)
			break;
	}
}

void proctree_close(struct proctree *t)
{
	for (int i = 0; i < t->n; i++)
		if (t->node[i].pidfd >= 0) {
			close(t->node[i].pidfd);
			t->node[i].pidfd = -1;
		}
}

int proctree_protected(const struct proctree *t, pid_t pid)
{
	for (int i = 0; i < t->protect_n; i++)
		if (t->protect[i] == pid)
			return 1;
	return pid <= 1;
}

int proctree_alive(struct proctree *t, int i)
{
	struct proc_node *p = &t->node[i];
	struct proc_stat st;

	if (p->flags & PROC_GONE)
		return 0;
	if (p->pidfd >= 0 ? pidfd_exited(p->pidfd) == 1
	    : proc_read_stat(p->pid, &st) < 0 || st.start != p->start || st.state == 'Z') {
		p->flags |= PROC_GONE;
		return 0;
	}
	return 1;
}

/*
 * Open a pidfd on pid and read its stat. The stat read is of the pidfd's own process when
 * the pidfd is still alive after it; the parent link is to our member when that member is
 * still alive after it (a live process keeps its PID). So a PID recycled at any point in
 * between fails one of the checks, and we never take in a process we did not find.
 */
static int identify(struct proctree *t, pid_t pid, int parent, struct proc_stat *st, int *fd)
{
	*fd = -1;
	if (!t->no_pidfd) { /* (errno means something only when pidfd_open was called) */
		*fd = pidfd_get(pid);
		if (*fd < 0 && errno == ENOSYS)
			t->no_pidfd = 1;
		else if (*fd < 0 && errno != EMFILE && errno != ENFILE)
			return -1; /* ESRCH: gone already */
	}
	if (proc_read_stat(pid, st) == 0 && st->state != 'Z' && st->state != 'X'
	    && (parent < 0 || st->ppid == t->node[parent].pid)
	    && (*fd < 0 || pidfd_exited(*fd) == 0)
	    && (parent < 0 || proctree_alive(t, parent)))
		return 0;
	if (*fd >= 0)
		close(*fd);
	errno = ESRCH;
	return -1;
}

static int add_node(struct proctree *t, const struct proc_stat *st, int parent, int fd,
		    unsigned flags)
{
	struct proc_node *p;
	unsigned h;

	if (t->n == PROCTREE_MAX) {
		t->overflow = 1;
		errno = E2BIG;
		return -1;
	}
	p = &t->node[t->n];
	p->pid = st->pid;
	p->ppid = st->ppid;
	p->parent = parent;
	p->pidfd = fd;
	p->start = st->start;
	p->flags = flags | (proctree_protected(t, st->pid) ? PROC_SPARE : 0);
	p->threads = st->threads;
	p->state = st->state;
	p->err = 0;
	for (h = hash_slot(st->pid); t->hash[h]; h = (h + 1) & (HASH_SIZE - 1))
		;
	t->hash[h] = ++t->n;
	return t->n - 1;
}

static int send_signal(struct proctree *t, struct proc_node *p, int sig);

/* SIGSTOP, once: a stopped member cannot fork */
static void stop_member(struct proctree *t, struct proc_node *p)
{
	if (!(p->flags & (PROC_STOPPED | PROC_SPARE | PROC_GONE)) && send_signal(t, p, SIGSTOP) == 0)
		p->flags |= PROC_STOPPED;
}

/* pid was seen as a child of member `parent`: take it in if it still is. 1 new, 0 not. */
static int adopt(struct proctree *t, pid_t pid, int parent)
{
	struct proc_stat st;
	int fd;

	if (t->overflow || lookup(t, pid) >= 0 || identify(t, pid, parent, &st, &fd) < 0)
		return 0;
	if (add_node(t, &st, parent, fd, 0) < 0) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	if (t->stopping)
		stop_member(t, &t->node[t->n - 1]);
	return 1;
}

int proctree_add_root(struct proctree *t, pid_t pid, unsigned flags)
{
	struct proc_stat st;
	int fd, i;

	flags &= PROCTREE_SPARE;
	if (pid <= 0 || (proctree_protected(t, pid) && !flags)) {
		errno = EINVAL;
		return -1;
	}
	i = lookup(t, pid);
	if (i >= 0) { /* already found below another root */
		t->node[i].flags |= PROC_ROOT | flags;
		return 0;
	}
	if (identify(t, pid, -1, &st, &fd) < 0)
		return -1;
	if (!flags && (fd >= 0 ? pidfd_signal(fd, 0) : kill(pid, 0)) < 0) {
		int saved = errno;
		if (fd >= 0)
			close(fd);
		errno = saved;
		return -1;
	}
	if (add_node(t, &st, -1, fd, PROC_ROOT | flags) < 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return 0;
}

/* The children file of one thread, appended to t->kids[*n]. -1 with errno (ENOENT...). */
static int read_thread_children(struct proctree *t, pid_t pid, pid_t tid, int *n)
{
	char path[64];
	ssize_t len;
	int k;

	fmt_buf(path, sizeof(path), "/proc/%d/task/%d/children", (int)pid, (int)tid);
	len = proc_read_file(path, t->buf, sizeof(t->buf));
	if (len < 0)
		return -1;
	k = proc_parse_children(t->buf, (size_t)len, t->kids + *n, PROCTREE_MAX - *n);
	if (k < 0) {
		errno = E2BIG;
		return -1;
	}
	*n += k;
	return 0;
}

/*
 * The children of member i into t->kids: how many. Each thread has its own list; most
 * processes have one thread. A list longer than t->kids overflows the tree.
 */
static int read_children(struct proctree *t, int i)
{
	const struct proc_node *p = &t->node[i];
	struct proc_dir d;
	pid_t tid;
	int n = 0;

	if (p->threads == 1 && read_thread_children(t, p->pid, p->pid, &n) == 0)
		return n;
	fmt_buf(t->buf, sizeof(t->buf), "/proc/%d/task", (int)p->pid);
	if (proc_dir_open(&d, t->buf) < 0)
		return 0; /* the process is gone */
	while ((tid = proc_dir_next(&d)) > 0)
		if (read_thread_children(t, p->pid, tid, &n) < 0 && errno == E2BIG)
			t->overflow = 1; /* ENOENT: that thread is gone */
	proc_dir_close(&d);
	return n;
}

/* Without children files: every process in /proc whose parent is a member. */
static int scan_all(struct proctree *t)
{
	int added, total = 0;

	do { /* once more when a pass grew: a child can have a lower PID than its parent */
		struct proc_dir d;
		struct proc_stat st;
		pid_t pid;

		added = 0;
		if (proc_dir_open(&d, "/proc") < 0)
			return -1;
		while ((pid = proc_dir_next(&d)) > 0) {
			int parent;
			if (lookup(t, pid) >= 0 || proc_read_stat(pid, &st) < 0)
				continue;
			parent = lookup(t, st.ppid);
			if (parent >= 0 && !(t->node[parent].flags & PROC_GONE))
				added += adopt(t, pid, parent);
		}
		proc_dir_close(&d);
		if (pid < 0)
			return -1;
		total += added;
	} while (added && !t->overflow);
	return total;
}

/*
 * Can member i, which we stopped, still be inside fork(), about to add a child? Only while
 * it runs (R) or waits in the kernel (D). Once SIGSTOP is pending, a process that returns to
 * user space stops (T) before running any code, so one seen sleeping (S) was not in fork().
 * Checked before its children are read: then the list read is final.
 */
static int may_fork(struct proctree *t, int i)
{
	struct proc_node *p = &t->node[i];
	struct proc_stat st;

	if (!(p->flags & PROC_STOPPED) || proc_read_stat(p->pid, &st) < 0 || st.start != p->start)
		return 0;
	p->threads = st.threads;
	return st.state == 'R' || st.state == 'D';
}

int proctree_scan(struct proctree *t)
{
	int before = t->n;

	/* t->n grows during the pass: new members are scanned in the same pass */
	t->unsettled = 0;
	for (int i = 0; i < t->n && !t->no_children_file && !t->overflow; i++) {
		int k;
		if (t->node[i].flags & PROC_GONE)
			continue;
		if (t->stopping && may_fork(t, i))
			t->unsettled++;
		/* a member gone and its PID reused: adopt() refuses children of a dead parent */
		k = read_children(t, i);
		for (int j = 0; j < k; j++)
			adopt(t, t->kids[j], i);
	}
	if (t->no_children_file) {
		for (int i = 0; i < t->n && t->stopping; i++)
			t->unsettled += !(t->node[i].flags & PROC_GONE) && may_fork(t, i);
		if (scan_all(t) < 0)
			return -1;
	}
	return t->n - before;
}

/* Kill through the pidfd, or by PID after the identity re-check. */
static int send_signal(struct proctree *t, struct proc_node *p, int sig)
{
	struct proc_stat st;

	if (p->pid <= 1 || (p->flags & PROC_SPARE)) {
		errno = EPERM; /* never reached: members like these are skipped */
		return -1;
	}
	if (p->pidfd >= 0) {
		int r = pidfd_signal(p->pidfd, sig);
		if (r == 0 || errno != ENOSYS)
			return r;
	}
	/* no pidfd, or pidfd_open without pidfd_send_signal (valgrind, some emulators): by PID.
	 * Our own unreaped child keeps its PID; anything else must still be the one we found */
	if (p->ppid != t->self && (proc_read_stat(p->pid, &st) < 0 || st.start != p->start)) {
		errno = ESRCH;
		return -1;
	}
	return kill(p->pid, sig);
}

int proctree_freeze(struct proctree *t)
{
	int passes = 0, settle = 0, grew;

	/* top-down: each member is stopped as it is found, before its children are read */
	for (int i = 0; i < t->n; i++)
		stop_member(t, &t->node[i]);
	t->stopping = 1;
	for (;;) {
		grew = proctree_scan(t);
		passes++;
		if (grew < 0 || (!grew && !t->unsettled) || (!grew && ++settle > SETTLE_PASSES))
			break;
		if (!grew) /* no event tells that a process has stopped: re-check, a bounded number of times */
			sched_yield();
	}
	t->stopping = 0;
	return grew < 0 ? -1 : passes;
}

int proctree_signal(struct proctree *t, int sig)
{
	int failed = 0;

	for (int i = 0; i < t->n; i++) {
		struct proc_node *p = &t->node[i];
		int err = 0;

		if (p->flags & (PROC_SPARE | PROC_GONE))
			continue;
		if (send_signal(t, p, sig) == 0) {
			p->flags |= PROC_SIGNALLED;
		} else if (errno == ESRCH) {
			p->flags |= PROC_GONE;
			continue;
		} else {
			err = p->err = errno;
			failed++;
		}
		if (t->on_signal)
			t->on_signal(p, sig, err, t->ctx);
	}
	return failed;
}

void proctree_thaw(struct proctree *t)
{
	for (int i = t->n - 1; i >= 0; i--) {
		struct proc_node *p = &t->node[i];
		if ((p->flags & PROC_STOPPED) && !(p->flags & PROC_GONE))
			send_signal(t, p, SIGCONT);
		p->flags &= ~PROC_STOPPED;
	}
}

int proctree_kill(struct proctree *t, int sig, int freeze)
{
	int failed, r;

	r = freeze && sig != SIGCONT ? proctree_freeze(t) : proctree_scan(t);
	if (r < 0) {
		int saved = errno;
		proctree_thaw(t); /* leave nothing stopped behind us */
		errno = saved;
		return -1;
	}
	failed = proctree_signal(t, sig);
	if (sig != SIGSTOP && sig != SIGKILL) /* KILL needs no SIGCONT to act */
		proctree_thaw(t);
	return failed;
}

/* Signalled members still alive: pollfds for those with a pidfd, and a count of the rest. */
static int collect_waited(struct proctree *t, struct pollfd *fds, int *idx, int *nofd)
{
	int n = 0;

	*nofd = 0;
	for (int i = 0; i < t->n; i++) {
		struct proc_node *p = &t->node[i];
		if (!(p->flags & PROC_SIGNALLED) || (p->flags & PROC_GONE))
			continue;
		if (p->pidfd < 0) {
			*nofd += proctree_alive(t, i);
			continue;
		}
		fds[n].fd = p->pidfd;
		fds[n].events = POLLIN;
		fds[n].revents = 0;
		idx[n++] = i;
	}
	return n;
}

int proctree_wait(struct proctree *t, long long timeout_ms)
{
	struct pollfd fds[PROCTREE_MAX];
	int idx[PROCTREE_MAX];
	long long deadline = timeout_ms < 0 ? -1 : clock_now_ms() + timeout_ms;

	for (;;) {
		int nofd, n = collect_waited(t, fds, idx, &nofd), r;
		long long left = deadline < 0 ? -1 : deadline - clock_now_ms();

		if (n + nofd == 0)
			return 0;
		if (deadline >= 0 && left <= 0)
			return n + nofd;
		/* members without a pidfd (kernel < 5.3) have no exit event: re-check them at 100 ms */
		if (nofd && (left < 0 || left > 100))
			left = 100;
		r = poll(fds, (nfds_t)n, left > 0x7fffffff ? 0x7fffffff : (int)left);
		if (r < 0 && errno != EINTR)
			return -1;
		for (int k = 0; r > 0 && k < n; k++)
			if (fds[k].revents)
				t->node[idx[k]].flags |= PROC_GONE;
	}
}

static void walk_from(const struct proctree *t, int i, int depth,
		      void (*visit)(const struct proc_node *p, int depth, void *ctx), void *ctx)
{
	visit(&t->node[i], depth, ctx);
	/* children come after their parent in node[] */
	for (int j = i + 1; j < t->n; j++)
		if (t->node[j].parent == i)
			walk_from(t, j, depth + 1, visit, ctx);
}

void proctree_walk(const struct proctree *t,
		   void (*visit)(const struct proc_node *p, int depth, void *ctx), void *ctx)
{
	for (int i = 0; i < t->n; i++)
		if (t->node[i].parent < 0)
			walk_from(t, i, 0, visit, ctx);
}

void proctree_fd_limit(void)
{
	struct rlimit r;
	rlim_t want = PROCTREE_MAX + 64;

	/* prlimit64 itself: musl's setrlimit() drags in its all-threads machinery (~2 KB) */
	if (syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, 0, &r) == 0 && r.rlim_cur < want) {
		r.rlim_cur = r.rlim_max < want ? r.rlim_max : want;
		syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, &r, 0);
	}
}
