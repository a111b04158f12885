/*
 * Command-line options, getopt_long-compatible where applets need it: short clusters
 * (-vvt5), long options with "=" or a separate argument, unique prefixes (--gr for
 * --grace), "--". Parsing always stops at the first operand, so in `pid1 echo -v` the -v
 * belongs to echo. Written here because musl's getopt pulls in stdio (6 KB) for its
 * messages; this one leaves messages to the caller.
 */
#ifndef PIDBOX_OPT_H
#define PIDBOX_OPT_H

struct opt_long {
	const char *name;
	int has_arg; /* 0 or 1 */
	int val;     /* what opt_next() returns */
};

struct opt_state {
	int argc;
	char **argv;
	const char *shorts;          /* "vt:" as for getopt */
	const struct opt_long *longs; /* ends with { 0 } */
	const char *usage;           /* printed by --help */
	int ind;                     /* index of the next argument; the first operand at the end */
	const char *arg;             /* the argument of the option just returned */
	const char *cluster;         /* rest of a -abc cluster */
	char err[96];                /* what was wrong, when opt_next() returned OPT_ERROR */
};

enum { OPT_END = -1, OPT_ERROR = '?', OPT_HELP = 0x100, OPT_VERSION = 0x101 };

void opt_init(struct opt_state *st, int argc, char **argv, const char *shorts,
	      const struct opt_long *longs, const char *usage);
/* The next option's value; OPT_HELP/OPT_VERSION for --help/--version; OPT_ERROR; OPT_END. */
int opt_next(struct opt_state *st);
/* The default: case of every applet's option switch: help, version or a usage error. */
__attribute__((noreturn)) void opt_default(const struct opt_state *st, int c);

/* "APPLET: what is wrong (try 'APPLET --help')" on stderr, exit 2. */
__attribute__((noreturn, format(printf, 1, 2))) void usage_error(const char *fmt, ...);
/* Print usage to stdout and exit 0. */
__attribute__((noreturn)) void usage_exit(const char *usage);

#endif
