//config:config REAPER
//config:	bool "reaper: nothing a CI job starts outlives it"
//config:	default y
//config:	select LIB_SIGLOOP
//config:	select LIB_REAP
//config:	select LIB_SPAWN
//config:	select LIB_NUM
//config:	select LIB_SIG_NAME
//config:	select LIB_PROCTREE
//config:	help
//config:	  Runs a command as a child subreaper, forwards signals to it, and when
//config:	  it exits (or times out, or the job is cancelled) ends every process it
//config:	  left behind: TERM, a grace period, KILL. Reports each leftover.

//usage:Usage: reaper [OPTIONS] [--] COMMAND [ARG...]
//usage:
//usage:Run COMMAND as the child of a child subreaper: every process it leaves behind
//usage:(a double-forked setsid daemon too) comes back to reaper and is reaped. Every
//usage:catchable signal, real-time ones too, is forwarded to COMMAND. When COMMAND
//usage:exits, every descendant left gets SIGTERM (and SIGCONT), after the grace SIGKILL;
//usage:reaper exits the moment all are gone, with COMMAND's status. TERM, INT or HUP
//usage:cancel the job: forwarded, and the clean-up starts at once. As PID 1, reaper is
//usage:the namespace's init. Each process cleaned up is reported on stderr:
//usage:"reaper: leftover PID NAME (TERM)", or (KILL) when it needed SIGKILL.
//usage:
//usage:  -t, --grace DUR           TERM to KILL (default 5s; 5, 0.5, 250ms, 2s, 1m, 1h)
//usage:      --timeout DUR         when COMMAND runs longer, the whole tree gets the
//usage:                            timeout signal, grace, KILL; exit 124 (0: none)
//usage:      --timeout-signal SIG  the timeout's first signal (default TERM)
//usage:  -g, --pgroup              run COMMAND in its own process group (the terminal's
//usage:                            foreground, if reaper had it); signals go to the group
//usage:      --fail-on-leak        exit 3 when anything was left over
//usage:  -q, --quiet               no report
//usage:  -v, --verbose             say what happens (PID 1 or subreaper, signals)
//usage:      --help                this text
//usage:      --version             pidbox's version
//usage:
//usage:Exit status: COMMAND's (N, or 128+N for signal N); 3 leftovers and --fail-on-leak;
//usage:124 timed out; 125 reaper failed; 126 COMMAND not executable, 127 not found;
//usage:2 usage error (bad option, duration or signal: nothing started).

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include "applet.h"
#include "clock.h"
#include "fmt.h"
#include "log.h"
#include "num.h"
#include "opt.h"
#include "proc.h"
#include "proctree.h"
#include "reap.h"
#include "sig_name.h"
#include "sigloop.h"
#include "spawn.h"

enum { EXIT_LEAKED = 3, EXIT_TIMEDOUT = 124, EXIT_FAILED = 125 };
enum { OPT_TIMEOUT = 0x200, OPT_TIMEOUT_SIGNAL, OPT_FAIL_ON_LEAK };
#define DEFAULT_GRACE_MS 5000
/* leftovers named in the report; beyond that they are counted */
#define LEFTOVER_MAX 1024

/* A process found alive after COMMAND was done: one line of the report when it is gone. */
struct leftover {
	pid_t pid;
	int sig;                  /* the last signal it was sent */
	unsigned long long start; /* its start time: the same PID later is another process */
	char name[16];            /* its comm, read when it was found */
};

enum phase {
	RUNNING,     /* COMMAND runs; orphans are reaped as they exit */
	TERMINATING, /* the tree got the first signal; the grace runs */
	KILLING,     /* everything left gets SIGKILL */
};

struct reaper {
	/* options */
	unsigned long long grace_ms, timeout_ms;
	int timeout_sig, to_group, quiet, fail_on_leak;
	/* /proc is this PID namespace's: the PIDs it lists are ours */
	int proc_ours;
	struct proctree *tree;
	/* state */
	pid_t cmd;              /* COMMAND while unreaped, so its PID cannot be reused; else 0 */
	int cmd_status;         /* its wait status; -1 while it runs */
	enum phase phase;
	int first_sig;          /* the tree's first signal: TERM, or the timeout signal */
	int timed_out, cancelled;
	int blind;              /* /proc could not list the leftovers: do not wait for them */
	long long deadline;     /* monotonic ms of the timeout or of the grace's end; -1: none */
	unsigned leaked;        /* leftovers found, named or not */
	unsigned n_left;
	struct leftover left[LEFTOVER_MAX];
};

static struct proctree tree; /* ~500 KB: static storage, not the stack */

static unsigned long long parse_duration(const char *opt, const char *s)
{
	unsigned long long ms;

	if (num_parse_duration(s, &ms) < 0)
		usage_error("invalid duration for %s: '%s'", opt, s);
	return ms;
}

/* Returns the index of COMMAND in argv. */
static int parse_options(struct reaper *rp, int argc, char **argv)
{
	static const struct opt_long longs[] = {
		{ "grace", 1, 't' },
		{ "timeout", 1, OPT_TIMEOUT },
		{ "timeout-signal", 1, OPT_TIMEOUT_SIGNAL },
		{ "pgroup", 0, 'g' },
		{ "fail-on-leak", 0, OPT_FAIL_ON_LEAK },
		{ "quiet", 0, 'q' },
		{ "verbose", 0, 'v' },
		{ 0, 0, 0 },
	};
	struct opt_state st;
	int c;

	opt_init(&st, argc, argv, "t:gqv", longs, reaper_usage);
	while ((c = opt_next(&st)) != OPT_END)
		switch (c) {
		case 't':
			rp->grace_ms = parse_duration("--grace", st.arg);
			break;
		case OPT_TIMEOUT:
			rp->timeout_ms = parse_duration("--timeout", st.arg);
			break;
		case OPT_TIMEOUT_SIGNAL:
			rp->timeout_sig = sig_parse(st.arg);
			if (rp->timeout_sig < 0)
				usage_error("invalid signal for --timeout-signal: '%s'", st.arg);
			break;
		case 'g':
			rp->to_group = 1;
			break;
		case OPT_FAIL_ON_LEAK:
			rp->fail_on_leak = 1;
			break;
		case 'q':
			rp->quiet = 1;
			break;
		case 'v':
			log_level++;
			break;
		default:
			opt_default(&st, c);
		}
	if (st.ind >= argc)
		usage_error("no COMMAND given");
	return st.ind;
}

/* /proc must be this PID namespace's, or the PIDs it lists would name other processes. */
static int proc_is_ours(void)
{
	char link[24], self[24];
	ssize_t n = readlink("/proc/self", link, sizeof(link) - 1);

	if (n <= 0)
		return 0;
	link[n] = 0;
	fmt_buf(self, sizeof(self), "%d", (int)getpid());
	return !strcmp(link, self);
}

static struct leftover *leftover_find(struct reaper *rp, pid_t pid)
{
	for (unsigned i = 0; i < rp->n_left; i++)
		if (rp->left[i].pid == pid)
			return &rp->left[i];
	return 0;
}

static void leftover_report(const struct reaper *rp, const struct leftover *l, int sig)
{
	if (!rp->quiet) {
		char buf[12];
		log_msg("leftover %d %s (%s)", (int)l->pid, l->name, sig_name(sig, buf));
	}
}

/* The entry is gone from the table; the signal reported is the one that ended it. */
static void leftover_gone(struct reaper *rp, struct leftover *l, int sig)
{
	leftover_report(rp, l, sig);
	*l = rp->left[--rp->n_left];
}

/* A new leftover, or NULL when the table is full (it is counted all the same). */
static struct leftover *leftover_add(struct reaper *rp, const struct proc_node *p)
{
	struct leftover *l;
	struct proc_stat st;

	rp->leaked++;
	if (rp->n_left == LEFTOVER_MAX)
		return 0;
	l = &rp->left[rp->n_left++];
	l->pid = p->pid;
	l->start = p->start;
	if (proc_read_stat(p->pid, &st) < 0)
		fmt_buf(st.comm, sizeof(st.comm), "?");
	fmt_buf(l->name, sizeof(l->name), "%s", st.comm);
	return l;
}

/* proctree's report of each process it signalled: the leftovers are recorded here. */
static void on_tree_signal(const struct proc_node *p, int sig, int err, void *ctx)
{
	struct reaper *rp = ctx;
	struct leftover *l;

	if (err) {
		char buf[12];
		log_msg("cannot send SIG%s to %d: %s", sig_name(sig, buf), (int)p->pid, err_str(err));
		return;
	}
	if (p->pid == rp->cmd || sig == SIGCONT)
		return;
	l = leftover_find(rp, p->pid);
	if (l && l->start != p->start) { /* the PID of a leftover that is gone, reused */
		leftover_gone(rp, l, l->sig);
		l = 0;
	}
	if (!l)
		l = leftover_add(rp, p);
	if (l)
		l->sig = sig;
}

/* Leftovers that already got sig are spared (set) or back to normal (!set). */
static void spare_signalled(struct reaper *rp, struct proctree *t, int sig, int set)
{
	for (int i = 0; i < t->n; i++) {
		struct proc_node *p = &t->node[i];
		struct leftover *l = leftover_find(rp, p->pid);

		if (!l || l->start != p->start || l->sig != sig)
			continue;
		if (set)
			p->flags |= PROC_SPARE;
		else
			p->flags &= ~(unsigned)PROC_SPARE;
	}
}

/*
 * sig to every descendant that has not had it yet, through libcommon's proctree: found in
 * /proc, stopped first so that none can fork past us, signalled through pidfds (a PID
 * recycled meanwhile is never hit), then continued, so that a process stopped before acts
 * on it. With spare_cmd, COMMAND runs on (a cancelled job: it had the forwarded signal) and
 * the tree is not stopped: what COMMAND starts after this gets the KILL after the grace.
 */
static void signal_tree(struct reaper *rp, int sig, int spare_cmd)
{
	struct proctree *t = rp->tree;
	int r;

	if (!rp->proc_ours) {
		/* as PID 1, kill(-1) reaches every other process of the namespace: all ours */
		if (getpid() == 1 && kill(-1, sig) == 0 && !rp->cmd)
			rp->leaked++; /* unnamed, but --fail-on-leak must see them */
		rp->blind = getpid() != 1;
		return;
	}
	proctree_fd_limit(); /* not before: COMMAND keeps the limit it was given */
	proctree_init(t);
	t->on_signal = on_tree_signal;
	t->ctx = rp;
	r = proctree_add_root(t, getpid(), PROCTREE_SPARE);
	/* fails when COMMAND has just exited (a zombie): then there is nothing to spare */
	if (r == 0 && spare_cmd)
		proctree_add_root(t, rp->cmd, PROCTREE_SPARE);
	if (r == 0)
		r = spare_cmd ? proctree_scan(t) : proctree_freeze(t);
	if (r < 0) {
		log_msg("cannot list leftovers: %s", err_str(errno));
		rp->blind = 1;
	} else {
		spare_signalled(rp, t, sig, 1);
		proctree_signal(t, sig);
		if (spare_cmd && sig != SIGKILL)
			proctree_signal(t, SIGCONT);
		spare_signalled(rp, t, sig, 0);
	}
	proctree_thaw(t);
	if (t->overflow)
		log_msg("more than %d leftovers: some not signalled yet", PROCTREE_MAX);
	proctree_close(t);
}

static void start_cleanup(struct reaper *rp, int sig, int spare_cmd)
{
	rp->phase = TERMINATING;
	rp->first_sig = sig;
	rp->deadline = clock_now_ms() + (long long)rp->grace_ms;
	signal_tree(rp, sig, spare_cmd);
}

static void on_deadline(struct reaper *rp)
{
	if (rp->phase == RUNNING) {
		log_info("timed out");
		rp->timed_out = 1;
		start_cleanup(rp, rp->timeout_sig, 0);
		return;
	}
	log_info("grace over");
	rp->phase = KILLING;
	rp->deadline = -1;
	signal_tree(rp, SIGKILL, 0);
}

/* COMMAND, or with -g its process group. Only while COMMAND is unreaped: then neither its
 * PID nor its process group ID can have been given to another process. */
static void signal_command(const struct reaper *rp, int sig)
{
	if (rp->cmd > 1)
		kill(rp->to_group ? -rp->cmd : rp->cmd, sig);
}

static void on_signal(struct reaper *rp, const struct signalfd_siginfo *si)
{
	int sig = (int)si->ssi_signo;

	/* a SIGPIPE or SIGTTOU our own write to stderr caused is ours, not COMMAND's */
	if (sig_from_self(si, getpid()))
		return;
	if (rp->cmd) {
		log_info("forwarding signal %d", sig);
		signal_command(rp, sig);
	}
	if (rp->phase == RUNNING && (sig == SIGTERM || sig == SIGINT || sig == SIGHUP)) {
		rp->cancelled = 1;
		start_cleanup(rp, SIGTERM, 1);
	}
}

static void on_reaped(pid_t pid, int status, void *ctx)
{
	struct reaper *rp = ctx;
	struct leftover *l = leftover_find(rp, pid);

	if (!l)
		return; /* an orphan that ended by itself */
	/* a TERM-trapper that cleaned up and exited was ended by the first signal */
	leftover_gone(rp, l, WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL ? SIGKILL
									  : rp->first_sig);
}

/* Reap what has exited; go on with the clean-up. 1 when nothing of the tree is left. */
static int settle(struct reaper *rp)
{
	struct reap_result r = { 0, -1, 0 };

	reap_all(rp->cmd, &r, on_reaped, rp);
	if (r.child_status != -1) {
		log_info("COMMAND exited: %d", wait_exitcode(r.child_status));
		rp->cmd = 0;
		rp->cmd_status = r.child_status;
	}
	/* ECHILD: as subreaper, no child means no descendant, and none can come back */
	if (r.none_left)
		return 1;
	/* leftovers we cannot list (no /proc) cannot be signalled: waiting would be forever */
	if (rp->blind && rp->phase == KILLING && !rp->cmd) {
		log_msg("giving up on the leftovers: they could not be listed");
		rp->leaked++;
		return 1;
	}
	if (r.child_status != -1 && rp->phase == RUNNING)
		start_cleanup(rp, SIGTERM, 0);
	else if (r.child_status != -1 && rp->phase == TERMINATING)
		signal_tree(rp, rp->first_sig, 0); /* what a cancelled COMMAND started since */
	else if (rp->phase == KILLING)
		signal_tree(rp, SIGKILL, 0); /* orphans of the killed, if any was missed */
	return 0;
}

/* The leftovers that were not our children (their parents, leftovers too, reaped them). */
static void report_rest(struct reaper *rp)
{
	while (rp->n_left)
		leftover_gone(rp, &rp->left[rp->n_left - 1], rp->left[rp->n_left - 1].sig);
	if (rp->leaked > LEFTOVER_MAX && !rp->quiet)
		log_msg("and %u more leftovers", rp->leaked - LEFTOVER_MAX);
}

static int exit_status(const struct reaper *rp)
{
	if (rp->timed_out)
		return EXIT_TIMEDOUT;
	if (rp->fail_on_leak && rp->leaked && !rp->cancelled)
		return EXIT_LEAKED;
	return wait_exitcode(rp->cmd_status);
}

static long long time_left(const struct reaper *rp)
{
	long long left;

	if (rp->deadline < 0)
		return -1;
	left = rp->deadline - clock_now_ms();
	return left < 0 ? 0 : left;
}

static void start_command(struct reaper *rp, const struct sigloop *loop, char **argv)
{
	struct spawn_opts so = { .mask = loop->orig_mask, .setpgid = rp->to_group };
	int exec_errno;

	/* as tini -g: a COMMAND in a group of its own gets the terminal we have, if we have it */
	so.foreground = rp->to_group && tcgetpgrp(STDIN_FILENO) == getpgrp();

	/* an inherited SIG_IGN for SIGCHLD would make the kernel reap for us, invisibly */
	ksig_disposition(SIGCHLD, SIG_DFL, &so.chld_ignored);
	if (getpid() == 1)
		log_info("running as PID 1");
	else if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0)
		die(EXIT_FAILED, "cannot become child subreaper: %s", err_str(errno));
	else
		log_info("running as child subreaper");
	rp->proc_ours = proc_is_ours();
	if (!rp->proc_ours)
		log_msg("/proc is not this PID namespace's: leftovers cannot be listed");

	rp->cmd = spawn_cmd(argv, &so, &exec_errno);
	if (rp->cmd < 0)
		die(EXIT_FAILED, "cannot start %s: %s", argv[0], err_str(errno));
	if (exec_errno)
		log_msg("%s: %s", argv[0], err_str(exec_errno));
}

int reaper_main(int argc, char **argv)
{
	static struct reaper rp;
	struct sigloop loop;
	int first;

	/* block first: a signal that arrives while we start is forwarded, not lost */
	if (sigloop_open(&loop, KSIG_CATCHABLE) < 0)
		die(EXIT_FAILED, "signalfd: %s", err_str(errno));
	rp.grace_ms = DEFAULT_GRACE_MS;
	rp.timeout_sig = rp.first_sig = SIGTERM;
	rp.cmd_status = -1;
	rp.deadline = -1;
	rp.tree = &tree;
	first = parse_options(&rp, argc, argv);
	start_command(&rp, &loop, argv + first);
	if (rp.timeout_ms)
		rp.deadline = clock_now_ms() + (long long)rp.timeout_ms;

	for (;;) {
		struct signalfd_siginfo si;
		int got = sigloop_next(&loop, &si, time_left(&rp));

		if (got < 0)
			die(EXIT_FAILED, "reading signals: %s", err_str(errno));
		if (!got)
			on_deadline(&rp);
		else if (si.ssi_signo != SIGCHLD)
			on_signal(&rp, &si);
		if (settle(&rp)) {
			report_rest(&rp);
			return exit_status(&rp);
		}
	}
}
