/*
 * The fuzz build's way to run an applet's command line up to the point where it would act,
 * and never beyond. Linked with -Wl,--wrap=... for every call that exits, acts on the
 * system or blocks (see WRAPPED in run.sh): inside hook_run() those calls end the run with
 * a longjmp instead; outside it (the fuzzer's own calls) they go to the real function.
 */
#ifndef FUZZ_HOOKS_H
#define FUZZ_HOOKS_H

enum hook_outcome { HOOK_RETURNED, HOOK_EXITED, HOOK_ACTED };

struct hook_result {
	enum hook_outcome how;
	int status;          /* main's return value or the exit status */
	const char *acted;   /* the call that would have acted */
	char err[2048];      /* what went to stderr */
	unsigned errlen;
	unsigned outlen;     /* bytes written to stdout */
};

/*
 * Run main_fn(argc, argv) as the applet `name`; checks the promises every applet makes
 * (a usage error is exit 2 with exactly one line "NAME: ..." on stderr, nothing acted
 * before; --help/--version exit 0 silent on stderr) and abort()s, a crash for libFuzzer,
 * when one is broken.
 */
void hook_run(int (*main_fn)(int, char **), const char *name, int argc, char **argv,
	      struct hook_result *r);

/* Split data at NUL bytes into argv[1..] (argv[0] = name); returns argc. */
int hook_argv(const unsigned char *data, unsigned long size, const char *name, char *buf,
	      unsigned long bufsize, char **argv, int maxargs);

#endif
