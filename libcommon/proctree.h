/*
 * The process tree: every descendant of some root PIDs, found in /proc, and signalled so
 * that a PID recycled between the scan and the signal is never hit.
 *
 * Usage, for killtree, or for an init or a subreaper killing what it started:
 *
 *	static struct proctree t;            (large: give it static storage, not the stack)
 *	proctree_init(&t);
 *	proctree_add_root(&t, pid, 0);        (or PROCTREE_SPARE: its descendants only)
 *	proctree_kill(&t, SIGTERM, 1);        (stop the tree, signal it, let it go on)
 *	proctree_wait(&t, 5000);              (pidfds and poll: back the moment the last exits)
 *	proctree_signal(&t, SIGKILL);         (what is left)
 *	proctree_close(&t);
 *
 * Membership: a process is taken in when it is found in a member's children list (or,
 * without CONFIG_PROC_CHILDREN, with a member as parent in /proc/PID/stat); setsid or
 * setpgid does not take it out. A process reparented away (daemonised out of the tree)
 * before it was found is not a member and is never touched.
 *
 * Identity: for each member a pidfd is opened, then /proc/PID/stat is read and the pidfd
 * checked still alive: so the stat read was of the pidfd's process, and its parent link and
 * start time (field 22) are those of the process found. Signals then go through the pidfd,
 * which cannot reach a process that took over the PID. Without pidfds (kernel < 5.3, or
 * out of file descriptors) the start time and parent are re-read just before kill().
 * The caller's own children cannot be recycled before it reaps them: they go by PID.
 *
 * Never signalled: PID 1, the caller, the caller's ancestors (they may be roots only with
 * PROCTREE_SPARE). Never: kill() with 0 or a negative PID.
 *
 * Limit: PROCTREE_MAX processes per tree (no malloc). Beyond it t->overflow is set, the
 * scan stops growing and the members found are still signalled: the caller says so.
 */
#ifndef PIDBOX_PROCTREE_H
#define PIDBOX_PROCTREE_H
#include <sys/types.h>

#define PROCTREE_MAX 8192

enum {
	PROC_ROOT = 1,      /* named by the caller */
	PROC_SPARE = 2,     /* never signalled: a spared root, PID 1, the caller, an ancestor */
	PROC_STOPPED = 4,   /* proctree_freeze() sent it SIGSTOP: proctree_thaw() sends SIGCONT */
	PROC_SIGNALLED = 8, /* proctree_signal() delivered the signal */
	PROC_GONE = 16,     /* it has exited (a zombie counts as gone) */
};
/* proctree_add_root() flags */
#define PROCTREE_SPARE PROC_SPARE

struct proc_node {
	pid_t pid, ppid;
	int parent;               /* index of the parent's node; -1 for a root */
	int pidfd;                /* -1 without one: then kill() after an identity re-check */
	unsigned long long start; /* start time (clock ticks after boot): the identity */
	unsigned flags;           /* PROC_* */
	int threads;              /* from the last stat read: 1 means one children file */
	int err;                  /* errno of the last failed signal, else 0 */
	char state;               /* from the last stat read: R S D T Z ... */
};

struct proctree {
	int n;                    /* members: node[0..n-1], parents before their children */
	int overflow;             /* more than PROCTREE_MAX: some were left out */
	int no_children_file;     /* no /proc/PID/task/TID/children: scanning /proc/ instead */
	int no_pidfd;             /* the kernel has no pidfds: kill() after re-checks */
	int stopping;             /* inside proctree_freeze(): members are stopped as found */
	int unsettled;            /* in the last pass, members maybe still inside fork() */
	pid_t self;
	/* called for each process signalled (for -v); err is 0 or the errno of the failure */
	void (*on_signal)(const struct proc_node *p, int sig, int err, void *ctx);
	void *ctx;
	int protect_n;
	pid_t protect[64];        /* PID 1, the caller and its ancestors */
	struct proc_node node[PROCTREE_MAX];
	int hash[2 * PROCTREE_MAX]; /* pid -> node index + 1, open addressing */
	pid_t kids[PROCTREE_MAX]; /* scratch: one children list */
	char buf[8 * PROCTREE_MAX + 64]; /* scratch: one children file */
};

void proctree_init(struct proctree *t);
/* Close every pidfd. The tree can be reused after proctree_init(). */
void proctree_close(struct proctree *t);

/* The index of pid's node, or -1 when it is not a member. */
int proctree_find(const struct proctree *t, pid_t pid);
/* PID 1, the caller or one of the caller's ancestors: never signalled. */
int proctree_protected(const struct proctree *t, pid_t pid);
/*
 * Take pid as a root (flags: PROCTREE_SPARE to spare it and take its descendants only).
 * Checks that it exists and that the caller may signal it. 0, or -1 with errno: ESRCH no
 * such process, EPERM not allowed, EINVAL a protected PID without PROCTREE_SPARE, or pid
 * <= 0, E2BIG the tree is full.
 */
int proctree_add_root(struct proctree *t, pid_t pid, unsigned flags);

/*
 * One pass over the members: take in every child not yet known. Returns how many were
 * new (0: the tree did not grow), or -1 on an error reading /proc (errno).
 */
int proctree_scan(struct proctree *t);
/*
 * Stop the tree from growing: SIGSTOP every member top-down, re-scan, stop the new ones,
 * until a pass finds nothing new and every member is seen stopped (a stopped process
 * cannot fork). Returns the number of passes, -1 on error.
 */
int proctree_freeze(struct proctree *t);
/*
 * Send sig to every member that is not spared and not gone. Returns how many could not
 * be signalled for a reason other than having exited (their err field says why).
 */
int proctree_signal(struct proctree *t, int sig);
/* SIGCONT to every member proctree_freeze() stopped, bottom-up. */
void proctree_thaw(struct proctree *t);
/*
 * The whole race-free kill: scan; freeze (unless freeze is 0, or sig is SIGCONT); signal;
 * thaw (unless sig is SIGSTOP). Returns proctree_signal()'s count, or -1 on error.
 */
int proctree_kill(struct proctree *t, int sig, int freeze);

/*
 * Wait until every signalled member has exited, at most timeout_ms (-1: no limit), with
 * poll() on their pidfds. Returns how many are left (0: all gone), -1 on error.
 */
int proctree_wait(struct proctree *t, long long timeout_ms);
/* Is this member still alive? (Marks it PROC_GONE when not.) */
int proctree_alive(struct proctree *t, int i);

/* Visit the members depth-first from each root, with their depth below it. */
void proctree_walk(const struct proctree *t,
		   void (*visit)(const struct proc_node *p, int depth, void *ctx), void *ctx);

/* Raise the soft RLIMIT_NOFILE so that PROCTREE_MAX pidfds fit (as far as the hard limit). */
void proctree_fd_limit(void);

#endif
