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
//usage:Run COMMAND as a child and forward to it every signal sigrewrite receives,
//usage:rewritten by the maps: FROM:TO sends TO in place of FROM; FROM:0 drops FROM.
//usage:FROM and TO are names or numbers (TERM, SIGTERM, 15, RTMIN+3, SIGRTMAX-2, 32).
//usage:Every catchable signal is forwarded, real-time ones included; unmapped ones go
//usage:as they are. KILL and STOP cannot be caught, so they cannot be rewritten.
//usage:For an app that wants another stop signal than its supervisor sends (nginx
//usage:stops gracefully on QUIT; Kubernetes and docker stop send TERM), when pid1 is
//usage:not the init, or outside containers (supervisord, systemd):
//usage:    sigrewrite TERM:QUIT -- nginx -g 'daemon off;'
//usage:
//usage:COMMAND stays in sigrewrite's process group and session (no setsid): job
//usage:control and the terminal behave as if sigrewrite were not there. So what the
//usage:terminal sends the foreground group (Ctrl-C, Ctrl-\, Ctrl-Z, window size
//usage:changes) reaches COMMAND directly, unmapped, and sigrewrite does not send it a
//usage:second copy; maps apply to signals sent to sigrewrite's own PID. A signal sent
//usage:to the whole process group (kill -- -PGID) reaches both, so COMMAND gets the
//usage:original and the rewritten one.
//usage:Job control: when COMMAND stops (TSTP, TTIN, TTOU, STOP), sigrewrite stops
//usage:itself too (SIGSTOP), so a shell sees a stopped job; when sigrewrite is
//usage:continued (fg, bg, SIGCONT), it continues COMMAND. If sigrewrite is killed
//usage:(SIGKILL, which it cannot forward), COMMAND gets SIGKILL too.
//usage:
//usage:Transparent exit: COMMAND's exit code. When a signal N killed COMMAND,
//usage:sigrewrite resets N to its default, unblocks it and raises it on itself, so its
//usage:own parent sees the same "killed by signal N" (WIFSIGNALED; sigrewrite itself
//usage:dumps no core). A signal whose default action does not kill (CHLD, CONT, URG,
//usage:WINCH) gives exit status 128+N. This differs from pid1, which, being PID 1,
//usage:cannot die of a signal and exits 128+N instead.
//usage:
//usage:  -r, --rewrite FROM:TO  one more map, as the operand FROM:TO (repeatable;
//usage:                         the last map of a FROM wins)
//usage:  -v, --verbose          log each signal forwarded, rewritten or dropped
//usage:      --help             this text
//usage:      --version          pidbox's version
//usage:
//usage:Exit status: COMMAND's, as above; 126 COMMAND found but not executable, 127 not
//usage:found; 1 a system call failed; 2 a usage error (bad map, unknown signal, FROM
//usage:= KILL or STOP), and then nothing is started.

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

		if (c == 'r')
			add_map(map, st.arg);
		else if (c == 'v')
			log_level++;
		else if (c != OPT_END)
			opt_default(&st, c);
		else if (st.ind > before) /* "--" */
			break;
		else if (strchr(argv[st.ind], ':'))
			add_map(map, argv[st.ind++]);
		else if (sig_parse(argv[st.ind]) > 0 && has_dashdash(argv + st.ind))
			usage_error("bad map '%s': not FROM:TO", argv[st.ind]);
		else
			break;
	}
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

	if (reached_child_too(si))
		return;
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
