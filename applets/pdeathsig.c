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
//usage:Set PR_SET_PDEATHSIG so that COMMAND gets SIG (default KILL) when the parent of
//usage:pdeathsig dies, then exec COMMAND: no process stays in between. SIG: a name or
//usage:number (TERM, 15, RTMIN+2); without "--" an operand is SIG only when it starts
//usage:with a digit or a capital and COMMAND follows (`pdeathsig kill 5` runs kill).
//usage:A parent that died before the prctl would never send SIG: when getppid()
//usage:changed across the prctl, pdeathsig acts as if SIG had fired. It sends SIG to
//usage:itself: if SIG kills by default it dies of SIG and COMMAND never runs; if SIG
//usage:is ignored (SIG_IGN, or CHLD, CONT, URG, WINCH) COMMAND runs; if blocked,
//usage:COMMAND starts with SIG pending. The kernel fires on the parent *thread*'s
//usage:exit and clears it at exec of a setuid COMMAND.
//usage:
//usage:  -s, --signal SIG   the signal (default KILL)
//usage:
//usage:Exit status: COMMAND's; 126/127 COMMAND not executable/not found; 1 prctl
//usage:failed; 2 usage (unknown signal, no COMMAND): nothing run.

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
