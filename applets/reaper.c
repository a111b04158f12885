//config:config REAPER
//config:	bool "reaper: nothing a CI job starts outlives it"
//config:	default y
//config:	select LIB_SIGLOOP
//config:	select LIB_REAP
//config:	select LIB_SPAWN
//config:	select LIB_NUM
//config:	select LIB_SIG_NAME
//config:	help
//config:	  Runs a command as a child subreaper, forwards signals to it, and when
//config:	  it exits (or times out, or the job is cancelled) ends every process it
//config:	  left behind: TERM, a grace period, KILL. Reports each leftover.

//usage:Usage: reaper [OPTIONS] [--] COMMAND [ARG...]
//usage:
//usage:Run COMMAND as a child of a child subreaper, so that every process it leaves
//usage:behind (a double-forked setsid daemon, a `sleep &`) comes back to reaper, which
//usage:reaps each when it exits. Nothing of the tree survives reaper:
//usage:
//usage:When COMMAND exits, every remaining descendant gets SIGTERM (and SIGCONT, so a
//usage:stopped one can act on it); the survivors of the grace get SIGKILL. reaper exits
//usage:the moment all are gone: a job that leaks nothing takes no grace time. Each
//usage:process cleaned up is reported on stderr:
//usage:  reaper: leftover PID NAME (TERM)      or (KILL) when it needed SIGKILL
//usage:
//usage:Every catchable signal reaper receives (real-time ones included) is forwarded to
//usage:COMMAND. TERM, INT and HUP cancel the job: they are forwarded and the clean-up
//usage:starts at once, without waiting for COMMAND; after the grace, whatever is left,
//usage:COMMAND included, gets SIGKILL.
//usage:
//usage:As PID 1 (of a container or PID namespace) reaper is simply its init; otherwise
//usage:it registers with PR_SET_CHILD_SUBREAPER.
//usage:
//usage:  -t, --grace DURATION      time between SIGTERM and SIGKILL (default 5s)
//usage:      --timeout DURATION    when COMMAND runs longer, send the whole tree the
//usage:                            timeout signal, then grace, then SIGKILL; exit 124
//usage:      --timeout-signal SIG  the timeout's first signal (default TERM)
//usage:  -g, --pgroup              run COMMAND in a process group of its own and send
//usage:                            forwarded signals to that whole group
//usage:      --fail-on-leak        exit 3 when anything was left over, even when COMMAND
//usage:                            succeeded
//usage:  -q, --quiet               no leftover report
//usage:  -v, --verbose             say what happens (PID 1 or subreaper, signals, exits)
//usage:      --help                this text
//usage:      --version             pidbox's version
//usage:
//usage:DURATION: 5 (seconds), 0.5, 250ms, 2s, 1m, 1h; --timeout 0 means none.
//usage:SIG: TERM, SIGTERM, 15, RTMIN+3...
//usage:
//usage:Exit status: COMMAND's: N for exit(N), 128+N for death by signal N;
//usage:  3    --fail-on-leak and something was left over (COMMAND ended by itself)
//usage:  124  --timeout expired
//usage:  125  reaper itself failed (a system call was refused)
//usage:  126  COMMAND found but not executable, 127 COMMAND not found
//usage:  2    usage error: bad option, duration or signal; nothing was started

#include <errno.h>
#include <fcntl.h>
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
#include "reap.h"
#include "sig_name.h"
#include "sigloop.h"
#include "spawn.h"

enum { EXIT_LEAKED = 3, EXIT_TIMEDOUT = 124, EXIT_FAILED = 125 };
enum { OPT_TIMEOUT = 0x200, OPT_TIMEOUT_SIGNAL, OPT_FAIL_ON_LEAK };
#define DEFAULT_GRACE_MS 5000
#define LEFTOVER_MAX 1024

/* A process found alive after COMMAND was done: one line of the report when it is gone. */
struct leftover {
	pid_t pid;
	int sig;       /* the last signal it was sent */
	char name[16]; /* its comm, read when it was found */
};

enum phase {
	RUNNING,     /* COMMAND runs; orphans are reaped as they exit */
	TERMINATING, /* the leftovers got the first signal; the grace runs */
	KILLING,     /* everything left gets SIGKILL */
};

struct reaper {
	/* options */
	unsigned long long grace_ms, timeout_ms;
	int timeout_sig, to_group, quiet, fail_on_leak;
	int can_list;           /* /proc/thread-self/children can be read, in our namespace */
	/* state */
	pid_t cmd;              /* COMMAND while unreaped, so its PID cannot be reused; else 0 */
	int cmd_status;         /* its wait status; -1 while it runs */
	enum phase phase;
	int first_sig;          /* the leftovers' first signal: TERM, or the timeout signal */
	int timed_out, cancelled;
	long long deadline;     /* monotonic ms of the timeout or of the grace's end; -1: none */
	unsigned leaked;        /* leftovers found, reported or not */
	unsigned n_left;
	struct leftover left[LEFTOVER_MAX];
};

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

/* COMMAND, or with -g its process group. Only while it is unreaped: then neither its PID
 * nor its process group ID can have been given to another process. */
static void signal_command(const struct reaper *rp, int sig)
{
	if (rp->cmd > 1)
		kill(rp->to_group ? -rp->cmd : rp->cmd, sig);
}

/* /proc must be this PID namespace's: the children it lists are signalled by number. */
static int proc_is_ours(void)
{
	char link[24], self[24];
	ssize_t n = readlink("/proc/self", link, sizeof(link) - 1);

	if (n <= 0 || access("/proc/thread-self/children", R_OK) < 0)
		return 0;
	link[n] = 0;
	fmt_buf(self, sizeof(self), "%d", (int)getpid());
	return !strcmp(link, self);
}

/* Read its comm into name; 0 when it is already a zombie (or gone), which needs no signal. */
static int proc_alive_name(pid_t pid, char name[16])
{
	char path[32], buf[80];
	const char *open_paren, *close_paren;
	ssize_t n;
	int fd;

	fmt_buf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	/* "PID (COMM) STATE ...": COMM may hold spaces and ')', the fields after it do not */
	open_paren = strchr(buf, '(');
	close_paren = strrchr(buf, ')');
	if (!open_paren || !close_paren || close_paren < open_paren || close_paren[1] != ' ')
		return 0;
	n = close_paren - open_paren - 1;
	if (n > 15)
		n = 15;
	memcpy(name, open_paren + 1, (size_t)n);
	name[n] = 0;
	return close_paren[2] != 'Z' && close_paren[2] != 'X';
}

static struct leftover *leftover_find(struct reaper *rp, pid_t pid)
{
	unsigned i;

	for (i = 0; i < rp->n_left; i++)
		if (rp->left[i].pid == pid)
			return &rp->left[i];
	return 0;
}

static void leftover_report(const struct reaper *rp, const struct leftover *l, int sig)
{
	char buf[12];

	if (!rp->quiet)
		log_msg("leftover %d %s (%s)", (int)l->pid, l->name, sig_name(sig, buf));
}

/* A leftover is gone: the signal that ended it is KILL when it died of KILL, else the
 * first one (a TERM-trapper that cleaned up and exited was ended by the TERM). */
static void leftover_gone(struct reaper *rp, struct leftover *l, int status)
{
	int killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;

	leftover_report(rp, l, killed ? SIGKILL : rp->first_sig);
	*l = rp->left[--rp->n_left];
}

/* Found alive after COMMAND was done (or cancelled, or timed out): signal and track it. */
static void leftover_signal(struct reaper *rp, pid_t pid, int sig)
{
	struct leftover *l = leftover_find(rp, pid);
	char name[16];

	if (l && l->sig == sig)
		return;
	if (!l) {
		if (!proc_alive_name(pid, name))
			return; /* it ended by itself: the next reap takes it */
		rp->leaked++;
		if (rp->n_left == LEFTOVER_MAX) {
			if (rp->leaked == LEFTOVER_MAX + 1)
				log_msg("more than %d leftovers: killing the rest unreported",
					LEFTOVER_MAX);
			kill(pid, SIGKILL);
			return;
		}
		l = &rp->left[rp->n_left++];
		l->pid = pid;
		memcpy(l->name, name, sizeof(name));
	}
	log_debug("sending SIG%s to leftover %d %s", sig_name(sig, name), (int)pid, l->name);
	l->sig = sig;
	kill(pid, sig);
	/* a stopped process acts on nothing but KILL until it is continued */
	if (sig != SIGKILL)
		kill(pid, SIGCONT);
}

/*
 * Every process left is our child, or the descendant of one: as child subreaper (or PID 1)
 * we inherit every orphan, and when a leftover dies its own children are reparented to us,
 * with a SIGCHLD that brings us back here. Signalling our own unreaped children by PID is
 * race-free: only our wait() can free their PIDs.
 */
static void sweep(struct reaper *rp)
{
	int sig = rp->phase == KILLING ? SIGKILL : rp->first_sig;
	char buf[4096];
	unsigned long pid = 0;
	int digits = 0, fd;
	ssize_t n;

	if (!rp->can_list) {
		/* only as PID 1 (checked at start): every other process is ours to end */
		if (getpid() == 1)
			kill(-1, sig);
		return;
	}
	fd = open("/proc/thread-self/children", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] >= '0' && buf[i] <= '9') {
				pid = pid * 10 + (unsigned long)(buf[i] - '0');
				digits++;
				continue;
			}
			if (digits && pid > 1 && (pid_t)pid != rp->cmd)
				leftover_signal(rp, (pid_t)pid, sig);
			pid = 0;
			digits = 0;
		}
	close(fd);
}

static void start_cleanup(struct reaper *rp, int sig)
{
	rp->phase = TERMINATING;
	rp->first_sig = sig;
	rp->deadline = clock_now_ms() + (long long)rp->grace_ms;
}

static void on_deadline(struct reaper *rp)
{
	char buf[12];

	if (rp->phase == RUNNING) {
		log_info("timed out: sending SIG%s to the whole tree",
			 sig_name(rp->timeout_sig, buf));
		rp->timed_out = 1;
		signal_command(rp, rp->timeout_sig);
		if (rp->timeout_sig != SIGKILL)
			signal_command(rp, SIGCONT);
		start_cleanup(rp, rp->timeout_sig);
		return;
	}
	log_info("grace over: sending SIGKILL to what is left");
	rp->phase = KILLING;
	rp->deadline = -1;
	signal_command(rp, SIGKILL);
}

static void on_signal(struct reaper *rp, const struct signalfd_siginfo *si)
{
	int sig = (int)si->ssi_signo;
	char buf[12];

	/* a SIGPIPE or SIGTTOU our own write to stderr caused is ours, not COMMAND's */
	if (si->ssi_code == SI_USER && (pid_t)si->ssi_pid == getpid())
		return;
	if (rp->cmd) {
		log_info("forwarding SIG%s to %s%d", sig_name(sig, buf),
			 rp->to_group ? "process group " : "", (int)rp->cmd);
		signal_command(rp, sig);
	}
	if (rp->phase == RUNNING && (sig == SIGTERM || sig == SIGINT || sig == SIGHUP)) {
		log_info("cancelled: cleaning up without waiting for COMMAND");
		rp->cancelled = 1;
		start_cleanup(rp, SIGTERM);
	}
}

static void on_reaped(pid_t pid, int status, void *ctx)
{
	struct reaper *rp = ctx;
	struct leftover *l = leftover_find(rp, pid);

	if (l)
		leftover_gone(rp, l, status);
	else
		log_debug("reaped %d (exit code %d)", (int)pid, wait_exitcode(status));
}

/* Reap what has exited, signal what is new. 1 when nothing of the tree is left. */
static int settle(struct reaper *rp)
{
	struct reap_result r = { 0, -1, 0 };

	reap_all(rp->cmd, &r, on_reaped, rp);
	if (r.child_status != -1) {
		log_info("COMMAND exited with status %d", wait_exitcode(r.child_status));
		rp->cmd = 0;
		rp->cmd_status = r.child_status;
		if (rp->phase == RUNNING)
			start_cleanup(rp, SIGTERM);
	}
	if (rp->phase == RUNNING)
		return 0;
	/* ECHILD: as subreaper, no child means no descendant, and none can come back */
	if (r.none_left)
		return 1;
	sweep(rp);
	return 0;
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
	struct sigaction old;
	int exec_errno;

	/* an inherited SIG_IGN for SIGCHLD would make the kernel reap for us, invisibly */
	sigaction(SIGCHLD, 0, &old);
	so.chld_ignored = old.sa_handler == SIG_IGN;
	signal(SIGCHLD, SIG_DFL);

	if (getpid() == 1)
		log_info("running as PID 1: the init of this namespace");
	else if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0)
		die(EXIT_FAILED, "cannot become child subreaper: %s", err_str(errno));
	else
		log_info("running as child subreaper");
	rp->can_list = proc_is_ours();
	if (!rp->can_list)
		log_msg("cannot list leftovers: no /proc/thread-self/children of this PID namespace%s",
			getpid() == 1 ? "; as PID 1, they are signalled all at once" : "");

	rp->cmd = spawn_cmd(argv, &so, &exec_errno);
	if (rp->cmd < 0)
		die(EXIT_FAILED, "cannot start %s: %s", argv[0], err_str(errno));
	if (exec_errno)
		log_msg("%s: %s", argv[0], err_str(exec_errno));
	else
		log_info("started %s as PID %d", argv[0], (int)rp->cmd);
}

int reaper_main(int argc, char **argv)
{
	struct reaper rp = {
		.grace_ms = DEFAULT_GRACE_MS, .timeout_sig = SIGTERM, .first_sig = SIGTERM,
		.cmd_status = -1, .deadline = -1,
	};
	struct sigloop loop;
	int first;

	/* block first: a signal that arrives while we start is forwarded, not lost */
	if (sigloop_open(&loop, KSIG_CATCHABLE) < 0)
		die(EXIT_FAILED, "signalfd: %s", err_str(errno));
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
		if (settle(&rp))
			return exit_status(&rp);
	}
}
