//config:config PAUSE
//config:	bool "pause: sleep forever, reaping zombies"
//config:	default y
//config:	select LIB_SIGLOOP
//config:	select LIB_REAP
//config:	help
//config:	  The Kubernetes pause container and catatonit -P in one applet:
//config:	  blocks using no CPU, reaps every zombie, exits 0 on TERM or INT.

//usage:Usage: pause [-v]
//usage:
//usage:Block forever, using no CPU and waking for nothing but signals. Reap every
//usage:zombie: as PID 1 of a namespace (a Kubernetes pod's sandbox with
//usage:shareProcessNamespace) it adopts every orphan; otherwise it registers as child
//usage:subreaper so that orphans of its descendants come to it.
//usage:Exit 0 on SIGTERM or SIGINT; every other signal is ignored.
//usage:
//usage:  -v, --verbose   say what it is (PID 1 or subreaper) and each zombie reaped
//usage:      --help      this text
//usage:      --version   pidbox's version
//usage:
//usage:Exit status: 0 on TERM/INT, 1 when the system refuses a call, 2 on a usage error.

#include <errno.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>
#include "applet.h"
#include "log.h"
#include "opt.h"
#include "reap.h"
#include "sigloop.h"

static void log_reaped(pid_t pid, int status, void *ctx)
{
	(void)ctx;
	log_info("reaped %d (exit code %d)", (int)pid, wait_exitcode(status));
}

int pause_main(int argc, char **argv)
{
	static const struct opt_long longs[] = { { "verbose", 0, 'v' }, { 0, 0, 0 } };
	struct opt_state st;
	struct sigloop loop;
	int c;

	/* block first: a TERM that arrives while we parse options is kept, not lost */
	if (sigloop_open(&loop, KSIG_CATCHABLE) < 0)
		die(1, "signalfd: %s", err_str(errno));
	opt_init(&st, argc, argv, "v", longs, pause_usage);
	while ((c = opt_next(&st)) != OPT_END)
		switch (c) {
		case 'v':
			log_level++;
			break;
		default:
			opt_default(&st, c);
		}
	if (st.ind < argc)
		usage_error("unexpected argument '%s'", argv[st.ind]);

	/* an inherited SIG_IGN for SIGCHLD would make the kernel reap for us, invisibly */
	ksig_disposition(SIGCHLD, SIG_DFL, 0);
	if (getpid() == 1) {
		log_info("running as PID 1");
	} else if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0) {
		die(1, "cannot become child subreaper: %s", err_str(errno));
	} else {
		log_info("not PID 1: running as child subreaper");
	}
	if (chdir("/") < 0)
		log_info("cannot chdir to /: %s", err_str(errno));

	for (;;) {
		struct signalfd_siginfo si;
		struct reap_result r = { 0, -1, 0 };

		if (sigloop_next(&loop, &si, -1) < 0)
			die(1, "reading signals: %s", err_str(errno));
		switch (si.ssi_signo) {
		case SIGCHLD:
			reap_all(0, &r, log_reaped, 0);
			break;
		case SIGTERM:
		case SIGINT:
			log_info("got SIG%s, exiting", si.ssi_signo == SIGTERM ? "TERM" : "INT");
			return 0;
		}
	}
}
