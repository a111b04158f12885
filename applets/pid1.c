//config:config PID1
//config:	bool "pid1: the container init"
//config:	default y
//config:	select LIB_SIGLOOP
//config:	select LIB_REAP
//config:	select LIB_SPAWN
//config:	select LIB_SIG_NAME
//config:	select LIB_NUM
//config:	select LIB_SIGMAP
//config:	select LIB_PROC
//config:	help
//config:	  An init for containers: runs one command, forwards every signal to
//config:	  it, reaps every zombie, and when the command exits TERMs (then KILLs)
//config:	  whatever is left before exiting with the command's status.
//config:
//config:config PID1_COMPAT
//config:	bool "pid1: also answer to tini, docker-init and dumb-init"
//config:	default y
//config:	depends on PID1
//config:	help
//config:	  Installed as tini, docker-init or dumb-init, pid1 takes that tool's
//config:	  options, environment variables and defaults, so switching is a
//config:	  change of path. --install and make install create those links.

//config:config PID1_IDENTITY
//config:	bool "pid1: -u USER, -W DIR, --env (the child's identity)"
//config:	default y
//config:	depends on PID1
//config:	select LIB_USER
//config:	select LIB_ENV
//config:	help
//config:	  fpco/pid1's options: run the child as another user (names looked up in
//config:	  /etc/passwd and /etc/group, without NSS), in another directory, with
//config:	  extra environment variables (4 KB).
//config:
//config:config PID1_TREE
//config:	bool "pid1: when not PID 1, clean up every descendant (pidfds)"
//config:	default y
//config:	depends on PID1
//config:	select LIB_PROCTREE
//config:	help
//config:	  When pid1 is not PID 1, the clean-up finds every descendant in /proc
//config:	  and signals it through a pidfd, freezing the tree before SIGKILL (6 KB).
//config:	  Without it, pid1 signals its own children only: the orphans it adopted
//config:	  as subreaper; deeper ones are signalled as they come to it. As PID 1
//config:	  (a container) kill(-1) is used either way.
//config:
//alias:tini PID1_COMPAT
//alias:docker-init PID1_COMPAT
//alias:dumb-init PID1_COMPAT

//usage:Usage: pid1 [OPTIONS] [--] COMMAND [ARG...]
//usage:
//usage:Run COMMAND as the one child: forward signals to it, reap every zombie; when it
//usage:exits, SIGTERM the rest, SIGKILL them after the grace, exit with its status.
//usage:Options stop at COMMAND. In a Dockerfile: ENTRYPOINT ["/sbin/pid1", "--"]
//usage:
//usage:COMMAND gets a new session and stdin's terminal (the hand-off's HUP and CONT are
//usage:not forwarded); signals go to its process group. Forwarded: 1-31 but CHLD,
//usage:32-64 (RTMIN is 34; bursts queue), SEGV, ABRT... sent by kill(), and signals
//usage:from before COMMAND started. TSTP/TTIN/TTOU: STOP to COMMAND, pid1 stops too;
//usage:CONT resumes both. COMMAND keeps pid1's signal mask, ignored signals, cwd and
//usage:fds; pid1 moves to / and closes the fds it does not need. Not PID 1, pid1 is a
//usage:child subreaper. "The rest": as PID 1, every other process of the namespace,
//usage:else every descendant found in /proc. pid1 exits when none is left.
//usage:
//usage:  -c, --single-child       no new session; signal COMMAND alone
//usage:  -r, --rewrite FROM:TO    forward FROM as TO (0: drop); beats the STOP default
//usage:      --delay SIG:DURATION hold SIG back DURATION (others pass, reaping goes on)
//usage:  -t, --grace DURATION     TERM to KILL (default 5s; 0: KILL at once); 5, 0.5,
//usage:                           250ms, 2s, 1m, 1h
//usage:  -s, --subreaper          accepted, for tini
//usage:  -p, --pdeathsig SIG      pid1 gets SIG (forwarded) when its parent dies
//usage:  -e, --remap-exit FROM[:TO] exit TO (default 0) when COMMAND exits FROM
//usage:  -q, --quiet              no line when a signal killed COMMAND
//usage:  -w, --warn-reaped        warn on each reaped zombie that was not COMMAND
//usage:  -u, --user USER[:GROUP]  run COMMAND as USER in GROUP (else USER's), with
//usage:                           USER's groups; names or numbers, read from
//usage:                           /etc/passwd and /etc/group without NSS (no LDAP);
//usage:                           a failing step stops COMMAND (126); pid1 stays root
//usage:  -W, --workdir DIR        COMMAND starts in DIR (entered as USER with -u)
//usage:      --env NAME=VALUE     set NAME for COMMAND (PATH too); repeatable
//usage:  -v, --verbose            say what happens (PID 1 or subreaper...); -vv more
//usage:Repeatable: -r, --delay, -e.
//usage:
//usage:As tini or docker-init: -s -p -v -w -g (signal the group) -e CODE (exit 0) -l,
//usage:TINI_SUBREAPER, TINI_KILL_PROCESS_GROUP, TINI_VERBOSITY; COMMAND gets a process
//usage:group; only COMMAND is signalled; pid1 exits with it. As dumb-init: -c, -r s:r,
//usage:-v, -V, DUMB_INIT_SETSID=0, DUMB_INIT_DEBUG=1; at exit, SIGTERM to COMMAND's
//usage:group (not with -c); pid1 exits with it.
//usage:
//usage:Exit status: COMMAND's, 128+N when signal N killed it (said on stderr, "out of
//usage:memory?" for KILL), remapped by -e; 127 not found, 126 not executable; 2 usage.

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "applet.h"
#include "clock.h"
#include "env.h"
#include "fmt.h"
#include "log.h"
#include "num.h"
#include "opt.h"
#include "reap.h"
#include "sig_name.h"
#include "sigloop.h"
#include "sigmap.h"
#include "proc.h"
#include "proctree.h"
#include "spawn.h"
#include "user.h"
#include "wr.h"

enum flavour { NATIVE, TINI, DUMB_INIT };
/* what happens when the child exits */
enum at_exit {
	CLEAN_UP,   /* TERM the rest, KILL after the grace, exit when none is left */
	EXIT_NOW,   /* tini: exit at once */
	TERM_GROUP, /* dumb-init: TERM the child's group (session mode), exit at once */
};

struct pid1_opts {
	struct spawn_opts spawn; /* how the child is set up */
	enum flavour flavour;
	enum at_exit at_exit;
	int group;       /* forward to the child's process group, not the child alone */
	int stop_self;   /* TSTP/TTIN/TTOU stop pid1 as well */
	int quiet;
	int warn_reaped;
	int pdeathsig;   /* pid1's own parent-death signal */
	unsigned long long grace_ms;
	struct sigmap rewrite;             /* -r: what each signal is forwarded as */
	ksigset rewritten;                 /* the signals -r named: no job-control default */
	unsigned delay_ms[SIG_MAXNUM + 1]; /* 0: forward at once */
	short remap[256];                  /* -1: keep the exit code */
	struct user_ids ids;               /* -u: spawn.ids points here */
	size_t nenv;
	char *env[64];                     /* --env NAME=VALUE settings */
};

/* signals held back by --delay, forwarded when due */
#define HELD_MAX 32
struct held {
	int sig;
	long long due;
};

struct pid1 {
	const struct pid1_opts *o;
	struct sigloop loop;
	pid_t self, child;
	int status;        /* the child's wait status; -1 while it has not been reaped */
	int gone;          /* the child has exited (it may still be an unreaped zombie) */
	int killing;       /* SIGKILL phase: every process that shows up gets SIGKILL */
	int blind;         /* the remaining processes could not be listed (no /proc) */
	long long kill_at; /* when the survivors get SIGKILL; -1: not set */
	unsigned nheld;
	struct held held[HELD_MAX];
};

static int is_tty_stop(int sig)
{
	return sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/* ------------------------------------------------------------------ options */

/*
 * "HEAD:REST": HEAD copied into head (cut at cap), a pointer to REST returned; NULL when
 * there is no colon. argv stays as it is, so /proc/PID/cmdline still shows the options.
 */
static const char *split_colon(const char *arg, char *head, size_t cap)
{
	const char *colon = strchr(arg, ':');
	size_t n = colon ? (size_t)(colon - arg) : 0;

	fmt_buf(head, n < cap ? n + 1 : cap, "%s", arg);
	return colon ? colon + 1 : 0;
}

static void add_rewrite(struct pid1_opts *o, const char *arg)
{
	char from[24];
	const char *why;

	if (sigmap_parse(&o->rewrite, arg, &why) < 0)
		usage_error("rewrite '%s': %s", arg, why);
	split_colon(arg, from, sizeof(from));
	o->rewritten |= KSIG(sig_parse(from));
}

static void add_delay(struct pid1_opts *o, const char *arg)
{
	char name[24];
	const char *dur = split_colon(arg, name, sizeof(name));
	int sig = sig_parse(name);
	unsigned long long ms;

	if (!dur)
		usage_error("delay '%s': expected SIG:DURATION", arg);
	if (sig < 0 || sig == SIGKILL || sig == SIGSTOP || sig == SIGCHLD)
		usage_error("delay: bad signal '%s'", name);
	if (num_parse_duration(dur, &ms))
		usage_error("delay: bad duration '%s'", dur);
	o->delay_ms[sig] = (unsigned)ms;
}

static void add_remap(struct pid1_opts *o, const char *arg)
{
	char code[8];
	const char *to_s = split_colon(arg, code, sizeof(code));
	unsigned long from, to = 0;

	if (num_parse_ulong(to_s ? code : arg, 255, &from) ||
	    (to_s && num_parse_ulong(to_s, 255, &to)))
		usage_error("remap-exit '%s': expected FROM[:TO], exit codes 0..255", arg);
	o->remap[from] = (short)to;
}

#ifdef CONFIG_PID1_IDENTITY
static void set_user(struct pid1_opts *o, const char *spec)
{
	const char *why;

	if (user_lookup(spec, &o->ids, &why) < 0)
		usage_error("user '%s': %s", spec, why);
	o->spawn.ids = &o->ids;
}

static void add_env(struct pid1_opts *o, const char *arg)
{
	if (arg[0] == '=' || !strchr(arg, '='))
		usage_error("env '%s': expected NAME=VALUE", arg);
	if (o->nenv == sizeof(o->env) / sizeof(o->env[0]))
		usage_error("more than 64 --env");
	o->env[o->nenv++] = (char *)arg; /* shared into the child's environ, never written */
}
#define IDENTITY_SHORTS "u:W:"
#else
#define IDENTITY_SHORTS ""
#endif

static int env_is(const char *name, const char *value)
{
	const char *v = getenv(name);

	return v && (!value || !strcmp(v, value));
}

/* The defaults of each name, and the environment variables tini and dumb-init read. */
static void set_defaults(struct pid1_opts *o)
{
	memset(o, 0, sizeof(*o));
	sigmap_init(&o->rewrite);
	memset(o->remap, -1, sizeof(o->remap));
	o->grace_ms = 5000;
	if (!strcmp(log_prog, "dumb-init"))
		o->flavour = DUMB_INIT;
	else if (!strcmp(log_prog, "tini") || !strcmp(log_prog, "docker-init"))
		o->flavour = TINI;
	if (o->flavour == TINI) {
		const char *v = getenv("TINI_VERBOSITY");
		unsigned long level;

		o->at_exit = EXIT_NOW;
		o->spawn.setpgid = o->spawn.foreground = 1;
		o->group = env_is("TINI_KILL_PROCESS_GROUP", 0);
		/* tini's levels: 1 (warnings) by default, 2 info, 3 debug */
		if (v && !num_parse_ulong(v, 9, &level) && level > 1)
			log_level = (int)level - 1;
		return;
	}
	o->at_exit = o->flavour == DUMB_INIT ? TERM_GROUP : CLEAN_UP;
	o->stop_self = 1;
	o->spawn.setsid = o->spawn.ctty = o->group = 1;
	if (o->flavour == DUMB_INIT) {
		if (env_is("DUMB_INIT_SETSID", "0"))
			o->spawn.setsid = o->spawn.ctty = o->group = 0;
		if (env_is("DUMB_INIT_DEBUG", "1"))
			log_level = 2;
	}
}

static const struct opt_long native_longs[] = {
	{ "single-child", 0, 'c' }, { "rewrite", 1, 'r' }, { "delay", 1, 'D' },
	{ "grace", 1, 't' }, { "subreaper", 0, 's' }, { "pdeathsig", 1, 'p' },
	{ "remap-exit", 1, 'e' }, { "quiet", 0, 'q' }, { "warn-reaped", 0, 'w' },
	{ "verbose", 0, 'v' },
#ifdef CONFIG_PID1_IDENTITY
	{ "user", 1, 'u' }, { "workdir", 1, 'W' }, { "env", 1, 'E' },
#endif
	{ 0, 0, 0 },
};
static const struct opt_long dumb_longs[] = {
	{ "single-child", 0, 'c' }, { "rewrite", 1, 'r' }, { "verbose", 0, 'v' },
	{ 0, 0, 0 },
};
static const char *const shorts[] = { "cr:t:sp:e:qwv" IDENTITY_SHORTS, "sp:vwge:lh", "cr:vVh" };

/* Parse argv into o; returns the index of COMMAND. */
static int parse_options(struct pid1_opts *o, int argc, char **argv)
{
	const struct opt_long *longs = o->flavour == NATIVE ? native_longs :
		o->flavour == DUMB_INIT ? dumb_longs : 0;
	struct opt_state st;
	unsigned long long ms;
	int c;

	opt_init(&st, argc, argv, shorts[o->flavour], longs, pid1_usage);
	while ((c = opt_next(&st)) != OPT_END)
		switch (c) {
		case 'c':
			o->spawn.setsid = o->spawn.ctty = o->group = 0;
			break;
		case 'r':
			add_rewrite(o, st.arg);
			break;
		case 'D':
			add_delay(o, st.arg);
			break;
		case 't':
			if (num_parse_duration(st.arg, &ms))
				usage_error("bad grace period '%s'", st.arg);
			o->grace_ms = ms;
			break;
		case 's':
			break; /* pid1 always is a subreaper when not PID 1 */
		case 'p':
			o->pdeathsig = sig_parse(st.arg);
			if (o->pdeathsig < 0)
				usage_error("bad signal '%s'", st.arg);
			break;
		case 'e':
			add_remap(o, st.arg);
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 'w':
			o->warn_reaped = 1;
			break;
#ifdef CONFIG_PID1_IDENTITY
		case 'u':
			set_user(o, st.arg);
			break;
		case 'W':
			o->spawn.dir = st.arg;
			break;
		case 'E':
			add_env(o, st.arg);
			break;
#endif
		case 'v':
			log_level++;
			break;
		case 'g':
			o->group = 1;
			break;
		case 'l':
			wr_str(STDOUT_FILENO, "pidbox: see its source for the licence\n");
			_exit(0);
		case 'h':
			opt_default(&st, OPT_HELP);
		case 'V':
			opt_default(&st, OPT_VERSION);
		default:
			opt_default(&st, c);
		}
	if (st.ind >= argc)
		usage_error("no command given");
	return st.ind;
}

/* ------------------------------------------------------------------ signalling */

#ifndef CONFIG_PID1_TREE
/*
 * pid1's own children, by PID: unreaped, none of them can be a recycled PID. Those of a
 * deeper descendant come to pid1 (subreaper) when their parent dies, and are signalled
 * then: on_sigchld() repeats the SIGKILL for what is adopted meanwhile.
 */
static int signal_children(pid_t self, int sig)
{
	char path[48], buf[4096];
	pid_t kids[512];
	ssize_t len;
	int n, i;

	fmt_buf(path, sizeof(path), "/proc/%d/task/%d/children", (int)self, (int)self);
	len = proc_read_file(path, buf, sizeof(buf));
	n = len < 0 ? -1 : proc_parse_children(buf, (size_t)len, kids, 512);
	for (i = 0; i < n; i++)
		if (kids[i] > 1)
			kill(kids[i], sig);
	return n < 0 ? -1 : 0;
}
#endif

/*
 * Signal every process but pid1. As PID 1 of a namespace, kill(-1) is exactly that.
 * Otherwise every descendant found in /proc, through pidfds so that a PID recycled
 * meanwhile is never hit; SIGKILL freezes the tree first, so that no fork escapes it.
 */
static void signal_rest(struct pid1 *p, int sig)
{
	int r;
#ifdef CONFIG_PID1_TREE
	static struct proctree tree; /* large: static storage */
#endif

	char b[12]; // cppcheck-suppress variableScope ; used inside log_info()'s block

	log_info("sending SIG%s to the remaining processes", sig_name(sig, b));
	if (p->self == 1) {
		kill(-1, sig);
		return;
	}
#ifdef CONFIG_PID1_TREE
	proctree_init(&tree);
	r = proctree_add_root(&tree, p->self, PROCTREE_SPARE);
	if (!r)
		r = proctree_kill(&tree, sig, sig == SIGKILL) < 0 ? -1 : 0;
	proctree_close(&tree);
#else
	r = signal_children(p->self, sig);
#endif
	if (r < 0 && !p->blind) {
		log_msg("cannot list the remaining processes (is /proc mounted?): %s", err_str(errno));
		p->blind = 1;
	}
}

static void forward(struct pid1 *p, int sig)
{
	char b[12];
	pid_t target = p->o->group ? -p->child : p->child;

	if (p->status >= 0 || p->child <= 1)
		return; /* reaped: its PID and group may be anyone's now */
	if (kill(target, sig) < 0)
		log_debug("forwarding SIG%s to %d: %s", sig_name(sig, b), (int)target, err_str(errno));
	else
		log_info("forwarded SIG%s to %d", sig_name(sig, b), (int)target);
}

/* Forward sig as rewritten; stop pid1 itself on a terminal stop signal. */
static void deliver(struct pid1 *p, int sig)
{
	const struct pid1_opts *o = p->o;
	int to = sigmap_apply(&o->rewrite, sig);

	if (!(o->rewritten & KSIG(sig)) && o->spawn.setsid && is_tty_stop(sig))
		to = SIGSTOP;
	if (to)
		forward(p, to);
	/* so the shell that started pid1 sees its job stopped, and `fg` sends CONT */
	if (o->stop_self && is_tty_stop(sig) && (to || o->flavour == DUMB_INIT))
		kill(p->self, SIGSTOP);
}

/* --delay: keep sig until its time comes. Standard signals coalesce, as the kernel's do. */
static void hold(struct pid1 *p, int sig)
{
	if (sig < 32)
		for (unsigned i = 0; i < p->nheld; i++)
			if (p->held[i].sig == sig)
				return;
	if (p->nheld == HELD_MAX) {
		log_msg("too many delayed signals: forwarding now");
		deliver(p, sig);
		return;
	}
	p->held[p->nheld].sig = sig;
	p->held[p->nheld++].due = clock_now_ms() + p->o->delay_ms[sig];
}

static void deliver_due(struct pid1 *p, long long now)
{
	unsigned i = 0;

	while (i < p->nheld) {
		if (p->held[i].due > now) {
			i++;
			continue;
		}
		deliver(p, p->held[i].sig);
		memmove(&p->held[i], &p->held[i + 1], (--p->nheld - i) * sizeof(p->held[0]));
	}
}

/* ms until the next deadline (a delayed signal, the end of the grace), or -1 */
static long long next_timeout(const struct pid1 *p)
{
	long long next = p->kill_at, now;
	unsigned i;

	for (i = 0; i < p->nheld; i++)
		if (next < 0 || p->held[i].due < next)
			next = p->held[i].due;
	if (next < 0)
		return -1;
	now = clock_now_ms();
	return next > now ? next - now : 0;
}

/* ------------------------------------------------------------------ the child's end */

/* The child has exited and is still an unreaped zombie. */
static void child_exited(struct pid1 *p)
{
	const struct pid1_opts *o = p->o;

	p->gone = 1;
	p->nheld = 0; /* nobody to deliver them to */
	if (o->at_exit == TERM_GROUP && o->group)
		kill(-p->child, SIGTERM); /* the zombie keeps its group from being reused */
	if (o->at_exit != CLEAN_UP)
		return;
	if (o->grace_ms) {
		signal_rest(p, SIGTERM);
		p->kill_at = clock_now_ms() + (long long)o->grace_ms;
	} else {
		signal_rest(p, SIGKILL);
		p->killing = 1;
	}
}

static void on_reaped(pid_t pid, int status, void *ctx)
{
	const struct pid1 *p = ctx;

	if (p->o->warn_reaped)
		log_msg("%s zombie process with pid=%d (exit code %d)",
			p->o->flavour == TINI ? "Reaped" : "reaped", (int)pid, wait_exitcode(status));
	else
		log_debug("reaped %d (exit code %d)", (int)pid, wait_exitcode(status));
}

/* The exit code pid1 ends with, from the child's wait status. */
static int final_status(const struct pid1 *p)
{
	const struct pid1_opts *o = p->o;
	int code = wait_exitcode(p->status);

	if (WIFSIGNALED(p->status) && o->flavour == NATIVE && !o->quiet) {
		char b[12];
		int sig = WTERMSIG(p->status);

		log_msg("child killed by SIG%s%s", sig_name(sig, b),
			sig == SIGKILL ? " (out of memory?)" : "");
	}
	log_info("child exited with status %d", code);
	return o->remap[code] >= 0 ? o->remap[code] : code;
}

/* SIGCHLD: reap everything; -1 to go on, or pid1's exit status. */
static int on_sigchld(struct pid1 *p)
{
	struct reap_result r = { 0, -1, 0 };

	if (!p->gone) {
		siginfo_t wi;

		wi.si_pid = 0;
		if (!waitid(P_PID, (id_t)p->child, &wi, WEXITED | WNOHANG | WNOWAIT) &&
		    wi.si_pid == p->child)
			child_exited(p);
	}
	reap_all(p->child, &r, on_reaped, p);
	if (r.child_status >= 0)
		p->status = r.child_status;
	if (p->status < 0)
		return -1;
	if (r.none_left || p->o->at_exit != CLEAN_UP)
		return final_status(p);
	if (p->killing && p->blind) {
		log_msg("giving up on the remaining processes: they could not be listed");
		return final_status(p); /* they cannot be signalled: waiting would be forever */
	}
	if (p->killing && p->self != 1)
		signal_rest(p, SIGKILL); /* what the killed left, adopted since */
	return -1;
}

static int on_signal(struct pid1 *p, const struct signalfd_siginfo *si)
{
	int sig = (int)si->ssi_signo;

	if (sig == SIGCHLD)
		return on_sigchld(p);
	/* the tty hand-off (TIOCNOTTY), a write to a closed stderr: ours, not the child's */
	if (sig_from_self(si, p->self)) {
		char b[12]; // cppcheck-suppress variableScope ; used inside log_info()'s block

		log_info("ignoring SIG%s that pid1 itself caused", sig_name(sig, b));
		return -1;
	}
	if (p->gone)
		return -1; /* cleaning up: nobody to forward to */
	if (p->o->delay_ms[sig])
		hold(p, sig);
	else
		deliver(p, sig);
	return -1;
}

static int on_deadline(struct pid1 *p)
{
	long long now = clock_now_ms();

	deliver_due(p, now);
	if (p->kill_at >= 0 && now >= p->kill_at) {
		log_info("grace period over");
		p->kill_at = -1;
		p->killing = 1;
		signal_rest(p, SIGKILL);
		if (p->blind) {
			log_msg("giving up on the remaining processes: they could not be listed");
			return final_status(p);
		}
	}
	return -1;
}

/* ------------------------------------------------------------------ setup */

static void become_reaper(const struct pid1 *p)
{
	if (p->self == 1) {
		log_info("running as PID 1");
	} else if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0) {
		die(1, "cannot become child subreaper: %s", err_str(errno));
	} else {
		log_info("not PID 1: running as child subreaper");
	}
}

static void set_pdeathsig(const struct pid1 *p, pid_t parent)
{
	if (!p->o->pdeathsig)
		return;
	if (prctl(PR_SET_PDEATHSIG, p->o->pdeathsig) < 0)
		die(1, "cannot set the parent-death signal: %s", err_str(errno));
	/* the parent may have died before the prctl: then nobody will send it */
	if (getppid() != parent)
		kill(p->self, p->o->pdeathsig);
}

/* Give the terminal up so the child's new session can take it. */
static void release_tty(const struct pid1 *p)
{
	if (p->o->spawn.ctty && isatty(STDIN_FILENO) && !ioctl(STDIN_FILENO, TIOCNOTTY))
		log_debug("gave up the controlling terminal");
}

static void exec_failed(const struct pid1 *p, const char *cmd, int err)
{
	if (p->o->flavour == DUMB_INIT) {
		char text[48];

		fmt_buf(text, sizeof(text), "%s", err_str(err));
		text[0] &= ~0x20; /* dumb-init prints strerror(), capitalised */
		fmt_fd(STDERR_FILENO, "[dumb-init] %s: %s\n", cmd, text);
	} else {
		log_msg("%s: %s", cmd, err_str(err));
	}
}

/* Started with 0, 1 or 2 closed, the signalfd took that number: move it, or let_go()
 * would close it (or close stderr after it). */
static void keep_off_stdio(int *fd)
{
	int moved;

	if (*fd > STDERR_FILENO)
		return;
	moved = fcntl(*fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
	if (moved < 0)
		die(1, "signalfd: %s", err_str(errno));
	close(*fd);
	*fd = moved;
}

/* pid1 keeps no directory busy and holds only stderr and its signalfd. */
static void let_go(const struct pid1 *p)
{
	if (chdir("/") < 0)
		log_debug("cannot chdir to /: %s", err_str(errno));
	close(STDIN_FILENO);
	close(STDOUT_FILENO);
	syscall(SYS_close_range, 3U, (unsigned)p->loop.fd - 1, 0U);
	syscall(SYS_close_range, (unsigned)p->loop.fd + 1, ~0U, 0U);
}

static pid_t start_child(struct pid1 *p, struct pid1_opts *o, char **cmd)
{
	struct spawn_error e;
#ifdef CONFIG_PID1_IDENTITY
	char *env[env_count(environ) + o->nenv + 1];
#endif
	pid_t pid;

	/* an inherited SIG_IGN for SIGCHLD would make the kernel reap for us, invisibly */
	ksig_disposition(SIGCHLD, SIG_DFL, &o->spawn.chld_ignored);
	o->spawn.mask = p->loop.orig_mask;
#ifdef CONFIG_PID1_IDENTITY
	if (o->nenv) {
		env_merge(env, environ, o->env, o->nenv);
		o->spawn.env = env;
	}
#endif
	release_tty(p);
	pid = spawn_child(cmd, &o->spawn, &e);
	o->spawn.env = 0; /* env[] ends with this function */
	if (pid < 0)
		die(1, "cannot start %s: %s", cmd[0], err_str(errno));
	if (e.err) {
		if (e.step == SPAWN_EXEC)
			exec_failed(p, cmd[0], e.err);
		else if (e.step == SPAWN_DIR)
			log_msg("cannot change to %s: %s", o->spawn.dir, err_str(e.err));
		else
			log_msg("cannot become the --user: %s", err_str(e.err));
		waitpid(pid, 0, 0);
		_exit(e.step == SPAWN_EXEC ? spawn_exec_status(e.err) : 126);
	}
	log_info("started %s as PID %d", cmd[0], (int)pid);
	return pid;
}

int pid1_main(int argc, char **argv)
{
	static struct pid1 p; /* static: its 1 KiB of buffers off the stack, and zeroed */
	struct pid1_opts o;
	pid_t parent = getppid();
	int cmd, status = -1;

	/* block first: a signal that arrives while we start up is forwarded, not lost */
	if (sigloop_open(&p.loop, KSIG_CATCHABLE) < 0)
		die(1, "signalfd: %s", err_str(errno));
	keep_off_stdio(&p.loop.fd);
	set_defaults(&o);
	cmd = parse_options(&o, argc, argv);
	p.o = &o;
	p.self = getpid();
	p.status = -1;
	p.kill_at = -1;
	become_reaper(&p);
	set_pdeathsig(&p, parent);
	p.child = start_child(&p, &o, argv + cmd);
	let_go(&p);

	while (status < 0) {
		struct signalfd_siginfo si;
		int r = sigloop_next(&p.loop, &si, next_timeout(&p));

		if (r < 0)
			die(1, "reading signals: %s", err_str(errno));
		status = r ? on_signal(&p, &si) : -1;
		if (status < 0 && (p.kill_at >= 0 || p.nheld)) /* the clock only when it matters */
			status = on_deadline(&p);
	}
	return status;
}
