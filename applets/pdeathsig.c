//config:config PDEATHSIG
//config:	bool "pdeathsig: run a command that gets a signal when its parent dies"
//config:	default y
//config:	select LIB_SIG_NAME
//config:	select LIB_SPAWN
//config:	help
//config:	  Sets PR_SET_PDEATHSIG (default KILL), checks that the parent did not
//config:	  die before it was set, and execs COMMAND: no process stays between.

//usage:Usage: pdeathsig [-s SIG | SIG] [--] COMMAND [ARG...]
//usage:
//usage:Die with your parent: set PR_SET_PDEATHSIG so that COMMAND gets SIG (default
//usage:KILL) when the process that started pdeathsig dies, then exec COMMAND in place of
//usage:pdeathsig: no process stays in between, COMMAND keeps pdeathsig's PID.
//usage:SIG is a name or a number (TERM, SIGTERM, 15, RTMIN+2). Without "--", the first
//usage:operand is SIG only when it is a number or an upper-case signal name and a
//usage:COMMAND follows: `pdeathsig kill 5` runs kill.
//usage:
//usage:The race: a parent that dies after starting pdeathsig but before the prctl
//usage:would never send the signal. pdeathsig compares getppid() before and after the
//usage:prctl; when it changed, the parent is gone, and pdeathsig acts as if SIG had
//usage:fired: it sends SIG to itself with the disposition and mask COMMAND would have
//usage:had. If SIG's default action kills (KILL, TERM, HUP, USR1...), pdeathsig dies of
//usage:SIG and COMMAND never runs; if SIG is ignored (inherited SIG_IGN, or CHLD, CONT,
//usage:URG, WINCH), COMMAND runs; if SIG is blocked, COMMAND starts with it pending.
//usage:Caveats (the kernel's): the signal fires when the parent *thread* exits, even if
//usage:the parent process lives on; a setuid or setgid COMMAND clears it at exec.
//usage:
//usage:  -s, --signal SIG   the signal to get (default KILL)
//usage:      --help         this text
//usage:      --version      pidbox's version
//usage:
//usage:Exit status: COMMAND's (pdeathsig is replaced by it); 126 COMMAND found but not
//usage:executable, 127 not found; 1 prctl failed; 2 a usage error (unknown signal, no
//usage:COMMAND), and then nothing is run.

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>
#include "applet.h"
#include "log.h"
#include "opt.h"
#include "sig_name.h"
#include "spawn.h"

static int parse_sig(const char *s)
{
	int sig = sig_parse(s);

	if (sig < 0)
		usage_error("unknown signal '%s'", s);
	return sig;
}

/* `pdeathsig kill 5` runs kill: a bare operand is SIG only when it looks like one */
static int looks_like_sig(const char *s)
{
	return (*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'Z');
}

/*
 * SIG and COMMAND from the operands: "[SIG] -- COMMAND...", or "[SIG] COMMAND..." when SIG
 * looks like one. Returns COMMAND's index in argv.
 */
static int parse_operands(int argc, char **argv, int ind, int *sig)
{
	if (ind + 1 < argc && !strcmp(argv[ind + 1], "--"))
		*sig = parse_sig(argv[ind]), ind += 2;
	else if (ind < argc && looks_like_sig(argv[ind]) && sig_parse(argv[ind]) > 0)
		*sig = sig_parse(argv[ind++]);
	if (ind >= argc)
		usage_error("no COMMAND given");
	return ind;
}

int pdeathsig_main(int argc, char **argv)
{
	static const struct opt_long longs[] = { { "signal", 1, 's' }, { 0, 0, 0 } };
	struct opt_state st;
	int c, sig = SIGKILL, have_sig = 0, cmd;
	pid_t parent;

	opt_init(&st, argc, argv, "s:", longs, pdeathsig_usage);
	while ((c = opt_next(&st)) != OPT_END)
		if (c == 's')
			sig = parse_sig(st.arg), have_sig = 1;
		else
			opt_default(&st, c);
	/* after "--" (opt_next() took it) or -s, every operand is COMMAND */
	if (have_sig || (st.ind > 1 && !strcmp(argv[st.ind - 1], "--")))
		cmd = st.ind;
	else
		cmd = parse_operands(argc, argv, st.ind, &sig);
	if (cmd >= argc)
		usage_error("no COMMAND given");

	parent = getppid();
	if (prctl(PR_SET_PDEATHSIG, sig) < 0)
		die(1, "prctl(PR_SET_PDEATHSIG): %s", err_str(errno));
	/* the parent died before the prctl: the kernel will never send sig, so send it now */
	if (getppid() != parent)
		kill(getpid(), sig);
	execvp(argv[cmd], argv + cmd);
	c = errno;
	die(spawn_exec_status(c), "%s: %s", argv[cmd], err_str(c));
}
