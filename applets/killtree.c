//config:config KILLTREE
//config:	bool "killtree: signal a process and all its descendants, race-free"
//config:	default y
//config:	select LIB_PROCTREE
//config:	select LIB_CGROUP
//config:	select LIB_SIG_NAME
//config:	select LIB_NUM
//config:	help
//config:	  Signal each PID and every descendant it has, setsid or not, while
//config:	  the tree keeps forking: it is stopped first, then signalled, through
//config:	  pidfds, so that a recycled PID is never hit. Optionally wait, and
//config:	  SIGKILL what is left after a grace period.

//usage:Usage: killtree [OPTIONS] PID...
//usage:
//usage:Send a signal to each PID and to all its descendants: children, their children,
//usage:and so on, including those that called setsid or setpgid. A tree that keeps forking
//usage:is first stopped (SIGSTOP, top-down, re-scanned until a pass finds nothing new), then
//usage:signalled, then continued (SIGCONT) so that it can act on the signal. Signals go
//usage:through pidfds, after re-checking each process's parent and start time, so a PID
//usage:recycled between the scan and the signal is never hit (without pidfds, on kernels
//usage:before 5.3, by kill() after the same re-check). A process that left the tree (its
//usage:parent died and it was reparented elsewhere) is not a descendant and is not touched.
//usage:PID 1, killtree itself and its ancestors are never signalled.
//usage:
//usage:  -s, --signal SIG    the signal, by name or number (TERM, SIGHUP, 9, RTMIN+1);
//usage:                      default TERM; -SIG as the first argument works too
//usage:      --children-only spare each PID itself: signal its descendants only
//usage:  -t, --grace DUR     wait for the trees to exit; SIGKILL what is left after DUR
//usage:                      (5, 0.5, 250ms, 2s, 1m, 1h)
//usage:  -w, --wait          wait until every signalled process is gone (no KILL)
//usage:  -n, --dry-run       print the trees (PID, parent PID, state, command line, indented
//usage:                      by depth) and signal nothing
//usage:  -v, --verbose       print each process as it is signalled
//usage:      --no-freeze     do not stop the trees first (for HUP, a reload, to a tree that
//usage:                      must not pause); a process forked meanwhile may be missed
//usage:      --cgroup        when the one PID and its descendants are alone in their own
//usage:                      writable cgroup v2 (no sub-cgroups, killtree outside it):
//usage:                      KILL by cgroup.kill, other signals to the cgroup frozen
//usage:                      (cgroup.freeze); atomic, escape-proof. When it cannot, says
//usage:                      why on stderr and falls back to the process tree
//usage:      --help          this text
//usage:      --version       pidbox's version
//usage:
//usage:Waiting (-t, -w) uses pidfds and poll: killtree returns the moment the last process
//usage:is gone. A tree is limited to 8192 processes; beyond that killtree signals those it
//usage:found, says so and exits 1.
//usage:
//usage:Errors, reported before anything is signalled, one line naming the PID: a PID that
//usage:does not exist, a PID <= 1, killtree itself or one of its ancestors, a PID it may
//usage:not signal.
//usage:
//usage:Exit status: 0 when every process was signalled (and, when waiting, is gone); 1 when
//usage:a PID was refused, a process could not be signalled or survived (each is named);
//usage:2 on a usage error (a malformed option, signal, duration or PID).

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include "applet.h"
#include "cgroup.h"
#include "fmt.h"
#include "log.h"
#include "num.h"
#include "opt.h"
#include "pidfd.h"
#include "proc.h"
#include "proctree.h"
#include "sig_name.h"
#include "wr.h"

enum { OPT_CHILDREN_ONLY = 0x200, OPT_NO_FREEZE, OPT_CGROUP };

struct killtree_opts {
	int sig;
	int children_only, wait, dry_run, freeze, cgroup;
	long long grace_ms; /* -1: no -t */
};

/* How many survivors are named, one line each; the rest are counted. */
#define SURVIVORS_NAMED 20

static struct proctree tree; /* ~400 KB: too large for the stack */

static void print_node(const struct proc_node *p, int depth, void *ctx)
{
	char cmd[512];
	int indent = depth < 40 ? depth * 2 : 80;

	(void)ctx;
	proc_read_cmdline(p->pid, cmd, sizeof(cmd));
	fmt_fd(STDOUT_FILENO, "%7d %7d %c %s%s\n", (int)p->pid, (int)p->ppid, p->state,
	       "                                                                                "
	       + 80 - indent, cmd);
}

static void log_signalled(const struct proc_node *p, int sig, int err, void *ctx)
{
	char cmd[256], name[12];

	(void)ctx;
	proc_read_cmdline(p->pid, cmd, sizeof(cmd));
	if (err)
		log_msg("cannot send %s to PID %d (%s): %s", sig_name(sig, name), (int)p->pid, cmd,
			err_str(err));
	else
		log_msg("sent %s to PID %d (parent %d): %s", sig_name(sig, name), (int)p->pid,
			(int)p->ppid, cmd);
}

/* A malformed argument is a usage error (2); a PID refused is an error naming it (1). */
static pid_t parse_pid(const char *s)
{
	unsigned long v;

	if (num_parse_ulong(s, 0x7fffffff, &v) < 0)
		usage_error("not a PID: '%s'", s);
	return (pid_t)v;
}

static int add_root(struct proctree *t, pid_t pid, const struct killtree_opts *o)
{
	if (pid <= 1)
		log_msg("PID %d: refusing to signal PID %d", (int)pid, (int)pid);
	else if (pid == t->self)
		log_msg("PID %d: is killtree itself", (int)pid);
	else if (proctree_protected(t, pid))
		log_msg("PID %d: is an ancestor of killtree", (int)pid);
	else if (proctree_add_root(t, pid, o->children_only ? PROCTREE_SPARE : 0) < 0)
		log_msg("PID %d: %s", (int)pid, err_str(errno));
	else
		return 0;
	return -1;
}

static void parse_opts(int argc, char **argv, struct killtree_opts *o, int *first)
{
	static const struct opt_long longs[] = {
		{ "signal", 1, 's' }, { "children-only", 0, OPT_CHILDREN_ONLY },
		{ "grace", 1, 't' }, { "wait", 0, 'w' }, { "dry-run", 0, 'n' },
		{ "verbose", 0, 'v' }, { "no-freeze", 0, OPT_NO_FREEZE },
		{ "cgroup", 0, OPT_CGROUP }, { 0, 0, 0 },
	};
	struct opt_state st;
	unsigned long long ms;
	int c;

	opt_init(&st, argc, argv, "s:t:wnv", longs, killtree_usage);
	/* kill's -SIG form, as the first argument: -9, -KILL, -SIGHUP */
	if (argc > 1 && argv[1][0] == '-' && argv[1][1] && argv[1][1] != '-'
	    && (c = sig_parse(argv[1] + 1)) > 0) {
		o->sig = c;
		st.ind = 2;
	}
	while ((c = opt_next(&st)) != OPT_END)
		switch (c) {
		case 's':
			if ((o->sig = sig_parse(st.arg)) < 0)
				usage_error("unknown signal '%s'", st.arg);
			break;
		case 't':
			if (num_parse_duration(st.arg, &ms) < 0)
				usage_error("invalid duration '%s'", st.arg);
			o->grace_ms = (long long)ms;
			break;
		case 'w':
			o->wait = 1;
			break;
		case 'n':
			o->dry_run = 1;
			break;
		case 'v':
			log_level++;
			break;
		case OPT_CHILDREN_ONLY:
			o->children_only = 1;
			break;
		case OPT_NO_FREEZE:
			o->freeze = 0;
			break;
		case OPT_CGROUP:
			o->cgroup = 1;
			break;
		default:
			opt_default(&st, c);
		}
	if (st.ind >= argc)
		usage_error("no PID given");
	*first = st.ind;
}

/* Name the signalled processes still alive: 0 when there is none. */
static int name_survivors(struct proctree *t)
{
	int left = 0;

	for (int i = 0; i < t->n; i++) {
		const struct proc_node *p = &t->node[i];

		if (!(p->flags & PROC_SIGNALLED) || !proctree_alive(t, i))
			continue;
		if (left++ < SURVIVORS_NAMED) {
			char cmd[256];
			proc_read_cmdline(p->pid, cmd, sizeof(cmd));
			log_msg("PID %d survived: %s", (int)p->pid, cmd);
		}
	}
	if (left > SURVIVORS_NAMED)
		log_msg("%d more survived", left - SURVIVORS_NAMED);
	return left;
}

/* Signal the trees, then wait and escalate as asked. The exit status. */
static int kill_trees(struct proctree *t, const struct killtree_opts *o)
{
	int failed = proctree_kill(t, o->sig, o->freeze), left;

	if (failed < 0)
		die(1, "reading /proc: %s", err_str(errno));
	if (o->grace_ms < 0 && !o->wait)
		return failed ? 1 : 0;
	left = proctree_wait(t, o->wait ? -1 : o->grace_ms);
	if (left > 0 && o->grace_ms >= 0 && o->sig != SIGKILL) {
		log_info("grace of %lld ms over: %d left, sending KILL", o->grace_ms, left);
		failed += proctree_kill(t, SIGKILL, o->freeze);
		/* KILL takes effect at once, unless a process sits in uninterruptible sleep */
		left = proctree_wait(t, 5000);
	}
	if (left < 0)
		die(1, "waiting: %s", err_str(errno));
	return name_survivors(t) || failed ? 1 : 0;
}

/* Why --cgroup cannot be used for this tree, or 0 when it can: dir is the root's cgroup. */
static const char *cgroup_unusable(struct proctree *t, const struct killtree_opts *o,
				   char *dir, size_t cap, pid_t *procs)
{
	char self[4200];
	size_t len;
	int n;

	if (t->n != 1)
		return "it takes one PID";
	if (o->children_only)
		return "--children-only spares the root, cgroup.kill would not";
	if (cgroup_dir_of(t->node[0].pid, dir, cap) < 0)
		return "no cgroup v2";
	len = strlen(dir);
	if (cgroup_dir_of(t->self, self, sizeof(self)) < 0
	    || (!strncmp(self, dir, len) && (self[len] == '/' || !self[len])))
		return "killtree is in that cgroup too";
	fmt_buf(self, sizeof(self), "%s/cgroup.kill", dir);
	if (access(self, W_OK) < 0)
		return "cgroup.kill is not writable (not delegated, or Linux < 5.14)";
	if (cgroup_descendants(dir) != 0)
		return "it has sub-cgroups";
	/* frozen, the cgroup cannot change while it is compared with the tree */
	if (cgroup_freeze(dir, 1) < 0)
		return "it cannot be frozen";
	if (proctree_scan(t) < 0 || (n = cgroup_procs(dir, procs, PROCTREE_MAX)) < 0)
		n = -2;
	while (n > 0 && proctree_find(t, procs[n - 1]) >= 0)
		n--;
	if (n == 0)
		return 0;
	cgroup_freeze(dir, 0);
	return n < 0 ? "cannot read its processes" : "other processes are in it";
}

/* Signal every process of a frozen cgroup: none can fork or exit meanwhile. */
static int signal_frozen(struct proctree *t, const char *dir, int sig, pid_t *procs)
{
	int n = cgroup_procs(dir, procs, PROCTREE_MAX), failed = 0;

	for (int i = 0; i < n; i++) {
		struct proc_node p = { .pid = procs[i], .ppid = 0 };
		int fd = pidfd_get(procs[i]), err = 0;

		if (fd < 0 || pidfd_signal(fd, sig) < 0)
			err = errno == ESRCH ? 0 : errno;
		failed += err != 0;
		if (t->on_signal)
			t->on_signal(&p, sig, err, t->ctx);
		if (fd >= 0)
			close(fd);
	}
	return n < 0 ? 1 : failed;
}

/* --cgroup: cgroup.freeze and cgroup.kill. The exit status, or -1 to use the tree instead. */
static int kill_cgroup(struct proctree *t, const struct killtree_opts *o)
{
	static pid_t procs[PROCTREE_MAX];
	char dir[4200];
	const char *why = cgroup_unusable(t, o, dir, sizeof(dir), procs);
	int failed = 0, r;

	if (why) {
		log_msg("--cgroup: PID %d: %s: using the process tree", (int)t->node[0].pid, why);
		return -1;
	}
	log_info("--cgroup: %s %s", o->sig == SIGKILL ? "cgroup.kill on" : "signalling frozen", dir);
	if (o->sig == SIGKILL && cgroup_kill(dir) < 0)
		failed = 1;
	else if (o->sig != SIGKILL)
		failed = signal_frozen(t, dir, o->sig, procs);
	if (cgroup_freeze(dir, 0) < 0)
		log_msg("--cgroup: cannot thaw %s: %s", dir, err_str(errno));
	if (o->grace_ms < 0 && !o->wait)
		return failed ? 1 : 0;
	r = cgroup_wait_empty(dir, o->wait ? -1 : o->grace_ms);
	if (r == 0 && o->grace_ms >= 0 && o->sig != SIGKILL) {
		log_info("grace of %lld ms over: cgroup.kill on %s", o->grace_ms, dir);
		r = cgroup_kill(dir) < 0 ? -1 : cgroup_wait_empty(dir, 5000);
	}
	if (r != 1)
		log_msg("--cgroup: %s is not empty: %s", dir, r < 0 ? err_str(errno) : "processes survived");
	return r == 1 && !failed ? 0 : 1;
}

int killtree_main(int argc, char **argv)
{
	struct killtree_opts o = { SIGTERM, 0, 0, 0, 1, 0, -1 };
	struct proctree *t = &tree;
	int first, bad = 0, r;

	parse_opts(argc, argv, &o, &first);
	for (int i = first; i < argc; i++)
		parse_pid(argv[i]); /* every argument checked before any is acted on */
	proctree_fd_limit();
	proctree_init(t);
	for (int i = first; i < argc; i++)
		bad |= add_root(t, parse_pid(argv[i]), &o);
	if (bad)
		return 1;
	if (t->no_pidfd)
		log_info("no pidfd support in this kernel: signalling by PID after re-checking "
			 "each process's start time");
	if (t->no_children_file)
		log_info("no /proc/PID/task/TID/children: finding children in every /proc/PID/stat");
	if (o.dry_run) {
		if (proctree_scan(t) < 0)
			die(1, "reading /proc: %s", err_str(errno));
		wr_str(STDOUT_FILENO, "    PID    PPID S COMMAND\n");
		proctree_walk(t, print_node, 0);
		r = 0;
	} else {
		if (log_level)
			t->on_signal = log_signalled;
		r = o.cgroup ? kill_cgroup(t, &o) : -1;
		if (r < 0)
			r = kill_trees(t, &o);
	}
	if (t->overflow) {
		log_msg("more than %d processes in the tree: some were not signalled", PROCTREE_MAX);
		r = 1;
	}
	proctree_close(t);
	return r;
}
