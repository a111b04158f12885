//config:config SIGREWRITE
//config:	bool "sigrewrite: run a command, rewriting the signals sent to it"
//config:	default y
//config:	select LIB_SIGLOOP
//config:	select LIB_SPAWN
//config:	select LIB_SIGMAP
//config:	select LIB_SIG_NAME
//config:	help
//config:	  A transparent signal translator: runs COMMAND in the same process
//config:	  group and session, forwards every signal with FROM:TO maps applied
//config:	  (TO = 0 drops), stops and continues with it, and exits or dies
//config:	  exactly as COMMAND did.

//usage:Usage: sigrewrite [-v] [-r FROM:TO]... [FROM:TO]... [--] COMMAND [ARG...]
//usage:
//usage:Run COMMAND as a child; forward it every signal sigrewrite gets, real-time ones
//usage:included, with the maps applied: FROM:TO sends TO instead, FROM:0 drops FROM.
//usage:Names or numbers: TERM, SIGTERM, 15, RTMIN+3, SIGRTMAX-2, 32. E.g. nginx stops
//usage:gracefully on QUIT, docker stop sends TERM:  sigrewrite TERM:QUIT -- nginx
//usage:COMMAND stays in sigrewrite's process group and session (no setsid), so job
//usage:control and the terminal work as without sigrewrite: what the terminal sends
//usage:the group (Ctrl-C, Ctrl-Z, SIGWINCH) reaches COMMAND directly and is not sent
//usage:twice; maps apply to signals sent to sigrewrite's PID.
//usage:When COMMAND stops (TSTP, TTIN, TTOU, STOP), sigrewrite stops too (SIGSTOP),
//usage:so a shell sees a stopped job; continued, it continues COMMAND (as PID 1,
//usage:which cannot stop, it leaves COMMAND stopped). Killed with
//usage:SIGKILL, it takes COMMAND with it.
//usage:Exit: COMMAND's code. When signal N killed COMMAND, sigrewrite resets N to its
//usage:default, unblocks it and raises it, so its parent sees "killed by N" too (no
//usage:core dump); if N cannot kill (CHLD, CONT, URG, WINCH), exit 128+N. Unlike pid1,
//usage:which as PID 1 cannot die of a signal and exits 128+N.
//usage:
//usage:  -r, --rewrite FROM:TO  one more map (repeatable; the last for a FROM wins)
//usage:  -v, --verbose          log each signal forwarded, rewritten or dropped
//usage:
//usage:Exit status: as above; 126/127 COMMAND not executable/not found; 1 a system
//usage:call failed; 2 usage (bad map, unknown signal, FROM KILL or STOP): nothing run.

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include "applet.h"
#include "log.h"
#include "opt.h"
#include "sig_name.h"
#include "sigloop.h"
#include "sigmap.h"
#include "spawn.h"

static void add_map(struct sigmap *map, const char *spec)
{
	const char *why;

	if (sigmap_parse(map, spec, &why) < 0)
		usage_error("bad map '%s': %s", spec, why);
}

/* `sigrewrite TERM -- cmd` forgot its :TO; `sigrewrite kill -- 5` runs kill */
static int has_dashdash(char **argv)
{
	for (; *argv; argv++)
		if (!strcmp(*argv, "--"))
			return 1;
	return 0;
}

/*
 * Options and FROM:TO operands, in any order, up to "--" or the first operand without a
 * ':', which is COMMAND. Returns COMMAND's index in argv.
 */
static int parse_args(int argc, char **argv, struct sigmap *map)
{
	static const struct opt_long longs[] = {
		{ "rewrite", 1, 'r' }, { "verbose", 0, 'v' }, { 0, 0, 0 },
	};
	struct opt_state st;

	opt_init(&st, argc, argv, "r:v", longs, sigrewrite_usage);
	while (st.ind < argc) {
		int before = st.ind, c = opt_next(&st);
		const char *a = argv[st.ind];

		if (c == 'r')
			add_map(map, st.arg);
		else if (c == 'v')
			log_level++;
		else if (c != OPT_END)
			opt_default(&st, c);
		else if (st.ind > before || !strchr(a, ':')) /* "--", or COMMAND */
			break;
		else
			add_map(map, argv[st.ind++]);
	}
	if (st.ind < argc && sig_parse(argv[st.ind]) > 0 && has_dashdash(argv + st.ind) &&
	    strcmp(argv[st.ind - 1], "--"))
		usage_error("bad map '%s': not FROM:TO", argv[st.ind]);
	if (st.ind >= argc)
		usage_error("no COMMAND given");
	return st.ind;
}

/*
 * Was si sent by the kernel rather than by a process (kill, sigqueue, pidfd_send_signal:
 * si_code <= 0)? The terminal's signals (Ctrl-C, Ctrl-Z, SIGWINCH, SIGTTOU) go to the
 * whole foreground process group, COMMAND included: forwarding them would deliver twice.
 * A hangup's SIGHUP is the exception: the kernel sends it to the session leader alone.
 */
static int reached_child_too(const struct signalfd_siginfo *si)
{
	if (si->ssi_code <= 0)
		return 0;
	return !(si->ssi_signo == SIGHUP && getsid(0) == getpid());
}

static void forward(pid_t child, const struct sigmap *map, const struct signalfd_siginfo *si)
{
	int sig = (int)si->ssi_signo, to = sigmap_apply(map, sig);
	char a[12], b[12];

	if (reached_child_too(si) || sig_from_self(si, getpid()))
		return; /* the terminal's, or one our own write caused (SIGPIPE) */
	if (!to) {
		log_info("dropping SIG%s", sig_name(sig, a));
		return;
	}
	log_info("forwarding SIG%s as SIG%s", sig_name(sig, a), sig_name(to, b));
	/* child is our unreaped child: its PID cannot have been recycled */
	if (kill(child, to) < 0)
		log_info("cannot signal %d: %s", (int)child, err_str(errno));
}

/*
 * Reap child, or follow it into a stop: a shell waits for sigrewrite, not for COMMAND,
 * so sigrewrite must stop too for the shell to see a stopped job. Returns 1 with its
 * wait status once it has exited or been killed, 0 while it lives.
 */
static int check_child(pid_t child, int *status)
{
	for (;;) {
		pid_t got = waitpid(child, status, WNOHANG | WUNTRACED);

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			die(1, "waitpid: %s", err_str(errno));
		if (got == 0)
			return 0;
		if (!WIFSTOPPED(*status))
			return 1;
		/* PID 1 of a namespace cannot stop itself: it would only undo COMMAND's stop */
		if (getpid() == 1)
			continue;
		log_info("COMMAND stopped: stopping too");
		kill(getpid(), SIGSTOP);
		/* continued: by fg/bg, which also sent SIGCONT to COMMAND, or by anyone else */
		kill(child, SIGCONT);
		log_info("continued: continuing COMMAND");
	}
}

/* Leave as COMMAND left: its exit code, or death by its signal where that is possible. */
static int exit_like(int status)
{
	int sig;

	if (!WIFSIGNALED(status))
		return WEXITSTATUS(status);
	sig = WTERMSIG(status);
	/* COMMAND dumped its core if it could; one of sigrewrite would be noise */
	prctl(PR_SET_DUMPABLE, 0);
	if (sig != SIGKILL)
		ksig_disposition(sig, SIG_DFL, 0);
	kill(getpid(), sig); /* pending: still blocked */
	ksig_mask(SIG_UNBLOCK, KSIG(sig), 0);
	/* still alive: sig's default is to ignore (CHLD, CONT, URG, WINCH), or we are PID 1 */
	return 128 + sig;
}

int sigrewrite_main(int argc, char **argv)
{
	struct spawn_opts so = { 0 };
	struct sigmap map;
	struct sigloop loop;
	int cmd, status, chld_ignored, exec_err;
	pid_t child;

	/* block first: a signal that arrives while we start is forwarded once COMMAND runs */
	if (sigloop_open(&loop, KSIG_CATCHABLE) < 0)
		die(1, "signalfd: %s", err_str(errno));
	sigmap_init(&map);
	cmd = parse_args(argc, argv, &map);

	/* an inherited SIG_IGN for SIGCHLD would make the kernel reap COMMAND for us */
	ksig_disposition(SIGCHLD, SIG_DFL, &chld_ignored);
	so.mask = loop.orig_mask;
	so.chld_ignored = chld_ignored;
	so.pdeathsig = SIGKILL;
	child = spawn_cmd(argv + cmd, &so, &exec_err);
	if (child < 0)
		die(1, "cannot start %s: %s", argv[cmd], err_str(errno));
	if (exec_err) {
		log_msg("%s: %s", argv[cmd], err_str(exec_err));
		waitpid(child, &status, 0);
		return spawn_exec_status(exec_err);
	}
	log_info("started %s as %d", argv[cmd], (int)child);

	for (;;) {
		struct signalfd_siginfo si;

		if (sigloop_next(&loop, &si, -1) < 0)
			die(1, "reading signals: %s", err_str(errno));
		/* a SIGCHLD from COMMAND is news about it; one sent with kill() is forwarded */
		if (si.ssi_signo != SIGCHLD || si.ssi_code <= 0)
			forward(child, &map, &si);
		if (si.ssi_signo == SIGCHLD && check_child(child, &status))
			return exit_like(status);
	}
}
